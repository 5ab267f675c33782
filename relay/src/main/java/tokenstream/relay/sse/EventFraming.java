package tokenstream.relay.sse;

import io.vertx.core.buffer.Buffer;
import tokenstream.protocol.ProtocolJson;
import tokenstream.relay.tail.ChunkRecord;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What an {@link SseConnection} writes for the records it drains and for the relay's own endings ({@code stream.*}).
 * The relay's stream writes every record's prepared frame; another wire format (the OpenAI-compatible endpoint) keeps
 * per-connection state here and may end the stream once it has said everything.
 */
public interface EventFraming {

    /** The relay's own events: each record's frame as the tail prepared it, shared by every client. */
    EventFraming RELAY = new EventFraming() {
        @Override
        public Buffer events(List<ChunkRecord> records) {
            return SseFormat.events(records);
        }

        @Override
        public Buffer control(String event, Map<String, Object> body) {
            try {
                return SseFormat.control(event, ProtocolJson.mapper().writeValueAsString(body));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** The bytes for these records, in order; empty when none of them is for this client. */
    Buffer events(List<ChunkRecord> records);

    /** The stream's last event when the relay ends it ({@code stream.reconnect}, {@code stream.position_expired}). */
    Buffer control(String event, Map<String, Object> body);

    /** What the stream opens with: the relay's {@code retry:} hint; empty for none. */
    default Buffer opening(long retryMillis) {
        return SseFormat.retry(retryMillis);
    }

    /** What keeps an idle stream's connection open. */
    default Buffer heartbeat() {
        return SseFormat.heartbeat();
    }

    /** True once the stream has said all it will: the connection then ends after the events just written. */
    default boolean complete() {
        return false;
    }
}
