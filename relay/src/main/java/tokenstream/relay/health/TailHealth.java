package tokenstream.relay.health;

/** What readiness and liveness read of the shared tail. */
public interface TailHealth {

    /** When the tail last came back from polling Kafka (or started), wall clock. */
    long lastPollMillis();

    /** Whether the tail's poll thread is alive. */
    boolean pollThreadAlive();

    /** Whether the tail has read up to where the topic ended when it started. */
    boolean isReady();

    /** Records behind the end of the topic at the last poll, summed over partitions. */
    long lagRecords();
}
