package tokenstream.relay.tail;

import tokenstream.protocol.EventId;
import tokenstream.relay.core.RelayRecord;

/**
 * One chunks-topic record as the relay forwards it. The producer's JSON bytes are never re-serialised, so what a
 * client receives is exactly what is on the topic; they are kept already framed as the SSE event every client of
 * the conversation receives ({@link tokenstream.protocol.sse.SseFrames}).
 *
 * @param frame the record's complete SSE event: id, event type, data lines, blank line
 */
public record ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                          boolean terminal, boolean started, long timestampMillis, byte[] frame)
        implements RelayRecord {

    public EventId eventId() {
        return new EventId(partition, offset);
    }

    /** The frame is what the record holds in memory. */
    @Override
    public int payloadBytes() {
        return frame.length;
    }
}
