package tokenstream.relay.tail;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.Metric;

/**
 * A consumer's {@code bytes-consumed-total} over every topic: what the brokers sent it. The metric is looked up once
 * on the consumer's thread (the consumer is not thread-safe); the metric object itself may be read from any thread.
 */
final class FetchBytes {
    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String NAME = "bytes-consumed-total";

    private FetchBytes() {
    }

    /** The consumer's fetched-bytes metric, or null if this Kafka client has none. */
    static Metric of(Consumer<?, ?> consumer) {
        return consumer.metrics().entrySet().stream()
                .filter(e -> GROUP.equals(e.getKey().group()) && NAME.equals(e.getKey().name())
                        && !e.getKey().tags().containsKey("topic"))
                .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }

    static double value(Metric metric) {
        Object value = metric.metricValue();
        return value instanceof Number number ? number.doubleValue() : 0;
    }
}
