package tokenstream.kafkasetup;

/** An existing topic whose partition count must not differ from the configured one does. */
public final class PartitionCountMismatchException extends IllegalStateException {
    private final String topic;
    private final int actual;
    private final int configured;

    public PartitionCountMismatchException(String topic, int actual, int configured) {
        super("topic " + topic + " has " + actual + " partitions but " + configured + " are configured"
                + " (tokenstream.topics.chunks-partitions). A conversation's partition is the hash of its key modulo"
                + " the partition count, so a different count would send new events of running conversations to"
                + " other partitions, breaking their order and every stored resume position. Refusing to continue:"
                + " set tokenstream.topics.chunks-partitions=" + actual + ", or move to a new chunks topic"
                + " (see docs/operations.md, \"Changing the partition count\").");
        this.topic = topic;
        this.actual = actual;
        this.configured = configured;
    }

    public String topic() {
        return topic;
    }

    public int actual() {
        return actual;
    }

    public int configured() {
        return configured;
    }
}
