package tokenstream.relay.tail;

import tokenstream.protocol.EventId;
import tokenstream.relay.core.RelayRecord;

import java.nio.ByteBuffer;

/**
 * One chunks-topic record as the relay forwards it. The producer's JSON bytes are never re-serialised, so what a
 * client receives is exactly what is on the topic; they are kept already framed as the SSE event every client of
 * the conversation receives ({@link tokenstream.protocol.sse.SseFrames}).
 *
 * @param frameMemory read-only memory that holds the record's complete SSE event (id, event type, data lines, blank
 *                    line), usually off the heap and shared with other records' frames ({@link FrameMemory}); read
 *                    the frame through {@link #frame()}
 * @param frameOffset where the frame starts in {@code frameMemory}
 * @param frameLength the frame's length in bytes
 * @param traceparent the record's {@code traceparent} header as it came, unchecked, or null: validated
 *                    ({@code TraceContext.of}) only when a first delivery is traced, so no token pays for it
 */
public record ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                          boolean terminal, boolean started, long timestampMillis, ByteBuffer frameMemory,
                          int frameOffset, int frameLength, byte[] traceparent)
        implements RelayRecord {

    /** A record whose frame is all of {@code frame}'s remaining bytes, without a trace context. */
    public ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                       boolean terminal, boolean started, long timestampMillis, ByteBuffer frame) {
        this(partition, offset, conversationId, responseId, eventType, terminal, started, timestampMillis,
                frame.asReadOnlyBuffer(), frame.position(), frame.remaining(), null);
    }

    ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                boolean terminal, boolean started, long timestampMillis, FramePlace frame, byte[] traceparent) {
        this(partition, offset, conversationId, responseId, eventType, terminal, started, timestampMillis,
                frame.memory(), frame.offset(), frame.length(), traceparent);
    }

    public EventId eventId() {
        return new EventId(partition, offset);
    }

    /** The frame, as a new read-only view: every client's write has its own position, and none copies the bytes. */
    public ByteBuffer frame() {
        return frameMemory.slice(frameOffset, frameLength);
    }

    /** The frame is what the record holds in memory. */
    @Override
    public int payloadBytes() {
        return frameLength;
    }

    /** A copy of the frame's bytes. */
    public byte[] frameBytes() {
        byte[] bytes = new byte[frameLength];
        frame().get(bytes);
        return bytes;
    }
}
