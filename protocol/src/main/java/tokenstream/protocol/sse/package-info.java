/**
 * Server-Sent Events as tokenstream writes and reads them: {@link tokenstream.protocol.sse.SseFrames} is the only
 * place that frames events (the relay, the replay server), {@link tokenstream.protocol.sse.SseParser} the only place
 * that parses a stream (test clients, the load generator). Plain bytes and strings, no server or client library.
 */
package tokenstream.protocol.sse;
