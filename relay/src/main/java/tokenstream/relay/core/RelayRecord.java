package tokenstream.relay.core;

/**
 * What the relay core needs to know of a chunks-topic record: its position, its conversation, whether it opens or
 * ends a response, its time and its size. What a client receives (the framed bytes) is the adapters' business, so
 * the core can be driven by records made up in a test.
 */
public interface RelayRecord {

    /** Offset in the record's partition; records of one partition reach the core in offset order. */
    long offset();

    String conversationId();

    /** The response the record belongs to, or null when the record did not say. */
    String responseId();

    /** A {@code response.started}. */
    boolean started();

    /** A response's terminal event. */
    boolean terminal();

    /** The record's Kafka timestamp, epoch milliseconds. */
    long timestampMillis();

    /** Bytes the record holds beyond its fixed overhead, for the recent-events window's memory bound. */
    int payloadBytes();
}
