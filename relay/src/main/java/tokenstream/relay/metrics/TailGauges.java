package tokenstream.relay.metrics;

/** What the relay's gauges read of the shared tail and the subscriptions it feeds. */
public interface TailGauges {

    /** Connected subscriptions. */
    int subscriptionCount();

    /** Conversations with at least one subscription. */
    int conversationCount();

    /** Records behind the end of the topic at the last poll. */
    long lagRecords();

    /** Bytes the tail's Kafka consumers have fetched from the brokers since start (Kafka's bytes-consumed-total). */
    long fetchBytes();

    /** Chunks partitions the tail reads: all of them, or this instance's share with partition affinity. */
    int partitionsTailed();

    /** Memory held by the recent-events windows. */
    long windowBytes();

    /** Records whose event type was outside the vocabulary, delivered as {@code invalid_event}. */
    long replacedTypes();
}
