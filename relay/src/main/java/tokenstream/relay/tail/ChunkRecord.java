package tokenstream.relay.tail;

import tokenstream.protocol.EventId;

/**
 * One chunks-topic record as the relay forwards it: the value stays the producer's JSON bytes, never
 * re-serialised, so what a client receives is exactly what is on the topic.
 */
public record ChunkRecord(int partition, long offset, String conversationId, String responseId, String eventType,
                          boolean terminal, boolean started, long timestampMillis, byte[] value) {

    public EventId eventId() {
        return new EventId(partition, offset);
    }
}
