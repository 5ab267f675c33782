/**
 * The tokenstream wire contract, shared by every service and by anyone who reads the topics.
 *
 * <p>The chunks topic carries one JSON object per {@link tokenstream.protocol.ChunkEvent}, keyed by
 * conversation id (UTF-8), with {@link tokenstream.protocol.EventHeaders} repeating the type, response id
 * and sequence number for console tools. {@link tokenstream.protocol.ChunkRecordParts} is the only place
 * that builds such a record's key, value and headers, and {@link tokenstream.protocol.ChunkEventCodec} the
 * only place that turns events into bytes and back; {@link tokenstream.protocol.EventId} is the only place
 * that turns Kafka positions into SSE event ids and back; {@link tokenstream.protocol.IdRule} says what a
 * conversation or response id may hold. SSE framing and parsing are in {@link tokenstream.protocol.sse}.
 */
package tokenstream.protocol;
