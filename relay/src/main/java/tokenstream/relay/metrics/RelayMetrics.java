package tokenstream.relay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.relay.core.RelayRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The relay's meters, at {@code /q/metrics} in Prometheus format. Counters are totals; Prometheus'
 * {@code rate()} turns them into per-second figures. Gauges read the tail and the catch-up readers through
 * {@link TailGauges} and {@link CatchUpGauges}, so this package depends on neither.
 */
// At start, not at the first stream: the tail's gauges (fetched bytes, lag) matter on an instance no client uses yet.
@Startup
@ApplicationScoped
public class RelayMetrics {
    /** Where a stream's history came from. */
    public enum ResumeSource {
        /** The client wanted nothing older than the tail's position. */
        LIVE,
        /** The recent-events window in memory. */
        MEMORY,
        /** A catch-up reader reading Kafka. */
        KAFKA
    }

    private final Counter delivered;
    private final Counter slowClients;
    private final Counter expired;
    private final Timer deliveryLatency;
    private final Counter[] resumes = new Counter[ResumeSource.values().length];

    public RelayMetrics(MeterRegistry registry, TailGauges tail, CatchUpGauges readers) {
        Gauge.builder("tokenstream.relay.connections", tail, TailGauges::subscriptionCount)
                .description("connected SSE clients").register(registry);
        Gauge.builder("tokenstream.relay.conversations", tail, TailGauges::conversationCount)
                .description("conversations with at least one client").register(registry);
        Gauge.builder("tokenstream.relay.consumer.lag", tail, TailGauges::lagRecords)
                .description("records between the shared tail and the end of the chunks topic").baseUnit("records")
                .register(registry);
        FunctionCounter.builder("tokenstream.relay.tail.fetch.bytes", tail, TailGauges::fetchBytes)
                .description("bytes the shared tail fetched from the brokers (the consumer's bytes-consumed-total);"
                        + " with partition affinity about 1/R of the chunks topic").baseUnit("bytes").register(registry);
        Gauge.builder("tokenstream.relay.tail.partitions", tail, TailGauges::partitionsTailed)
                .description("chunks partitions the shared tail reads").register(registry);
        Gauge.builder("tokenstream.relay.window.bytes", tail, TailGauges::windowBytes)
                .description("memory held by the recent-events window").baseUnit("bytes").register(registry);
        Gauge.builder("tokenstream.relay.catchup.waiting", readers, CatchUpGauges::waiting)
                .description("resumes waiting for a catch-up reader").register(registry);
        FunctionCounter.builder("tokenstream.relay.unsafe.events", tail, TailGauges::replacedTypes)
                .description("records whose event type was outside the vocabulary (a line break, stream.*, unknown),"
                        + " delivered as invalid_event instead").register(registry);
        delivered = Counter.builder("tokenstream.relay.events.delivered")
                .description("events written to client sockets").register(registry);
        slowClients = Counter.builder("tokenstream.relay.slow.client.disconnects")
                .description("clients told to reconnect because their queue was full").register(registry);
        expired = Counter.builder("tokenstream.relay.positions.expired")
                .description("resumes from a position older than retention").register(registry);
        for (ResumeSource source : ResumeSource.values()) {
            resumes[source.ordinal()] = Counter.builder("tokenstream.relay.streams.opened")
                    .tag("source", source.name().toLowerCase())
                    .description("streams opened, by where their history came from").register(registry);
        }
        deliveryLatency = Timer.builder("tokenstream.relay.delivery.latency")
                .description("from the record's Kafka timestamp to the write to the client socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void streamOpened(ResumeSource source) {
        resumes[source.ordinal()].increment();
    }

    /** Events written to a socket; only live ones count towards latency (history is old by design). */
    public void delivered(List<? extends RelayRecord> records, long liveFromOffset, long nowMillis) {
        delivered.increment(records.size());
        for (int i = 0; i < records.size(); i++) {
            RelayRecord record = records.get(i);
            if (record.offset() >= liveFromOffset) {
                deliveryLatency.record(Math.max(0, nowMillis - record.timestampMillis()), TimeUnit.MILLISECONDS);
            }
        }
    }

    public void slowClient() {
        slowClients.increment();
    }

    public void positionExpired() {
        expired.increment();
    }
}
