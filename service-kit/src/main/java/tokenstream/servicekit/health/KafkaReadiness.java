package tokenstream.servicekit.health;

import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tokenstream.kafkasetup.KafkaConnection;
import tokenstream.kafkasetup.probe.ClusterProbe;
import tokenstream.kafkasetup.probe.ClusterStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Not ready while Kafka does not answer: ingest cannot accept work, a relay cannot serve new streams or
 * resumes, the audit store stops advancing; a load balancer should send nothing here meanwhile. Not a
 * liveness check: restarting the service would not bring Kafka back.
 *
 * <p>Answers within {@value #ANSWER_WITHIN_MS} ms whatever Kafka does: the probe runs on its own thread, one at a
 * time, and a probe still running after that long counts as DOWN ("no answer yet"); a probe to a dead cluster
 * would otherwise hold every health request for {@code tokenstream.health.kafka-timeout}.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    /** Half the 1 s a health probe may take, leaving room for the other checks and a loaded machine. */
    static final long ANSWER_WITHIN_MS = 500;

    @Inject
    HealthConfig config;

    @Inject
    KafkaConnection connection;

    private ClusterProbe probe;
    private ExecutorService prober;
    private CompletableFuture<ClusterStatus> probing;

    /** The first probe creates Kafka's admin client: started at boot, so that the first health request finds it. */
    void warmUp(@Observes StartupEvent started) {
        probing();
    }

    @Override
    public HealthCheckResponse call() {
        ClusterStatus status;
        try {
            status = probing().get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            status = new ClusterStatus(false, 0, "no answer from " + connection.bootstrapServers() + " within "
                    + Duration.ofMillis(ANSWER_WITHIN_MS) + " (probe still running)", Instant.now());
        } catch (ExecutionException e) {
            status = new ClusterStatus(false, 0, String.valueOf(e.getCause()), Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = new ClusterStatus(false, 0, "interrupted", Instant.now());
        }
        return HealthCheckResponse.named("kafka").status(status.reachable())
                .withData("bootstrap-servers", connection.bootstrapServers())
                .withData("security-protocol", connection.securityProtocol())
                .withData("brokers", status.brokers())
                .withData("detail", status.detail())
                .build();
    }

    /** The probe in flight, or a new one (answered from the probe's cache while that is fresh). */
    private synchronized CompletableFuture<ClusterStatus> probing() {
        if (probe == null) {
            probe = new ClusterProbe(connection, config.kafkaTimeout(), config.kafkaCache());
            prober = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "kafka-readiness-probe");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (probing == null || probing.isDone()) {
            probing = CompletableFuture.supplyAsync(probe::status, prober);
        }
        return probing;
    }

    @PreDestroy
    synchronized void close() {
        if (prober != null) {
            prober.shutdownNow();
        }
        if (probe != null) {
            probe.close();
        }
    }
}
