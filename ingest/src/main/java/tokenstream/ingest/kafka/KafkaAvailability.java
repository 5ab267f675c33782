package tokenstream.ingest.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import tokenstream.servicekit.health.HealthConfig;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;
import tokenstream.kafkasetup.KafkaConnection;
import tokenstream.kafkasetup.probe.ClusterProbe;
import tokenstream.kafkasetup.probe.ClusterStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka cluster is known unreachable right now, so that starts and pushes are refused at once with 503
 * {@code kafka_unavailable} and {@code Retry-After} instead of each blocking for the producer's delivery timeout.
 *
 * <p>A background probe asks the cluster for its metadata every {@code kafka.availability-check-interval}; a probe
 * without an answer for a second already means unreachable (a dead cluster is known within about two seconds), and a
 * write that timed out since the last answer counts too. Requests only read the last verdict, so refusing costs nothing.
 * Nothing is sent for a refused request, so nothing acknowledged can be lost by refusing.
 */
@Startup
@ApplicationScoped
public class KafkaAvailability {
    private static final Logger LOG = Logger.getLogger(KafkaAvailability.class);
    /** A probe still waiting for the cluster after this long already says enough: it is not answering. */
    private static final long SLOW_ANSWER_MILLIS = 1_000;

    private final ClusterProbe probe;
    private final ProducerHealth producer;
    private final int retryAfterSeconds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kafka-availability");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ClusterStatus last;
    private volatile long lastReachableMillis;
    private volatile long probingSinceMillis;
    private volatile boolean reportedUnavailable;

    public KafkaAvailability(KafkaConnection connection, HealthConfig health, ChunkWriterConfig config,
                             ChunkWriter writer, MeterRegistry registry) {
        this.probe = new ClusterProbe(connection, health.kafkaTimeout(), Duration.ZERO);
        this.producer = writer.health();
        Duration interval = config.availabilityCheckInterval();
        this.retryAfterSeconds = (int) Math.max(1, (interval.toMillis() + health.kafkaTimeout().toMillis() + 999) / 1000);
        // The first verdict is taken before the first request can arrive: a start on a dead cluster right after
        // boot must be refused too, not block on the producer's metadata wait.
        check();
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        Gauge.builder("tokenstream.ingest.kafka.available", this, a -> a.unavailableReason().isEmpty() ? 1 : 0)
                .description("1 while starts and pushes are accepted, 0 while they are refused with 503 kafka_unavailable")
                .register(registry);
    }

    /** Why new writes are refused right now; empty while the cluster answers. */
    public Optional<String> unavailableReason() {
        long probing = probingSinceMillis;
        if (probing != 0 && System.currentTimeMillis() - probing > SLOW_ANSWER_MILLIS) {
            return Optional.of("Kafka has not answered a metadata request for " + SLOW_ANSWER_MILLIS + " ms");
        }
        ClusterStatus status = last;
        if (status != null && !status.reachable()) {
            return Optional.of("Kafka is unreachable since " + status.at() + ": " + status.detail());
        }
        long timedOut = producer.lastTimeoutMillis();
        if (timedOut > lastReachableMillis) {
            return Optional.of("a write to Kafka timed out at " + Instant.ofEpochMilli(timedOut));
        }
        return Optional.empty();
    }

    /** @throws ApiException 503 {@code kafka_unavailable} with {@code Retry-After} while the cluster is known unreachable */
    public void requireAvailable() {
        Optional<String> reason = unavailableReason();
        if (reason.isPresent()) {
            throw unavailable(reason.get());
        }
    }

    /** What a refused or failed write is told to wait before retrying. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The 503 a refused request gets. */
    public ApiException unavailable(String reason) {
        return new ApiException(503, "kafka_unavailable", reason + "; nothing was written, retry later",
                Map.of(ApiError.RETRY_AFTER_DETAIL, retryAfterSeconds));
    }

    private void check() {
        try {
            probingSinceMillis = System.currentTimeMillis();
            ClusterStatus status;
            try {
                status = probe.status();
            } finally {
                probingSinceMillis = 0;
            }
            if (status.reachable()) {
                // Taken before the verdict is published: a write that timed out before this probe began is then
                // forgiven, one that times out later is not.
                lastReachableMillis = status.at().toEpochMilli();
            }
            last = status;
            boolean unavailable = unavailableReason().isPresent();
            if (unavailable != reportedUnavailable) {
                reportedUnavailable = unavailable;
                if (unavailable) {
                    LOG.warnf("%s: starts and pushes are refused with 503 kafka_unavailable until it answers again",
                            unavailableReason().orElse("Kafka is unavailable"));
                } else {
                    LOG.info("Kafka answers again: starts and pushes are accepted");
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Kafka availability check failed", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        probe.close();
    }
}
