package tokenstream.relay.tail;

import tokenstream.protocol.EventId;
import tokenstream.relay.core.RelayRecord;

import java.nio.ByteBuffer;

/**
 * One chunks-topic record as the relay forwards it. The producer's JSON bytes are never re-serialised, so what a
 * client receives is exactly what is on the topic; they are kept already framed as the SSE event every client of
 * the conversation receives ({@link tokenstream.protocol.sse.SseFrames}).
 *
 * @param frame the record's complete SSE event (id, event type, data lines, blank line), read-only and off the heap
 *              ({@link FrameMemory}); every client's write shares it, so read it through {@code duplicate()}
 * @param traceparent the record's {@code traceparent} header as it came, unchecked, or null: validated
 *                    ({@code TraceContext.of}) only when a first delivery is traced, so no token pays for it
 */
public record ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                          boolean terminal, boolean started, long timestampMillis, ByteBuffer frame, byte[] traceparent)
        implements RelayRecord {

    public ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                       boolean terminal, boolean started, long timestampMillis, ByteBuffer frame) {
        this(partition, offset, conversationId, responseId, eventType, terminal, started, timestampMillis, frame, null);
    }

    public EventId eventId() {
        return new EventId(partition, offset);
    }

    /** The frame is what the record holds in memory. */
    @Override
    public int payloadBytes() {
        return frame.remaining();
    }

    /** A copy of the frame's bytes. */
    public byte[] frameBytes() {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }
}
