package tokenstream.kafkasetup.probe;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import tokenstream.kafkasetup.KafkaConnection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the Kafka cluster answers, for readiness checks. A result is reused for {@code cacheFor}, so a
 * load balancer polling every instance often costs Kafka one metadata request per instance per interval, and a
 * dead cluster costs each poll at most {@code timeout}.
 */
public final class ClusterProbe implements AutoCloseable {
    private final KafkaConnection connection;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Admin admin;
    private ClusterStatus last;

    public ClusterProbe(KafkaConnection connection, Duration timeout, Duration cacheFor) {
        this(connection, timeout, cacheFor, Clock.systemUTC());
    }

    ClusterProbe(KafkaConnection connection, Duration timeout, Duration cacheFor, Clock clock) {
        this.connection = connection;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** The cached status if fresh enough, else a new probe. */
    public synchronized ClusterStatus status() {
        Instant now = clock.instant();
        if (last == null || !now.isBefore(last.at().plus(cacheFor))) {
            last = probe(now);
        }
        return last;
    }

    private ClusterStatus probe(Instant now) {
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            String controller = String.valueOf(cluster.controller().get(timeout.toMillis(), TimeUnit.MILLISECONDS).id());
            return new ClusterStatus(brokers > 0, brokers, "controller " + controller, now);
        } catch (TimeoutException e) {
            return new ClusterStatus(false, 0, "no answer from " + connection.bootstrapServers() + " within " + timeout, now);
        } catch (ExecutionException e) {
            return new ClusterStatus(false, 0, String.valueOf(e.getCause()), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ClusterStatus(false, 0, "interrupted", now);
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(connection.clientProperties(Map.of(
                    AdminClientConfig.CLIENT_ID_CONFIG, "tokenstream-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                    // A dead cluster must not fill the log with a reconnect line every 50 ms.
                    AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 1_000,
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000)));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
    }
}
