package tokenstream.servicekit.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import tokenstream.topics.KafkaConnection;
import tokenstream.topics.probe.ClusterProbe;
import tokenstream.topics.probe.ClusterStatus;

/**
 * Not ready while Kafka does not answer: ingest cannot accept work, a relay cannot serve new streams or
 * resumes, the audit store stops advancing; a load balancer should send nothing here meanwhile. Not a
 * liveness check: restarting the service would not bring Kafka back.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {
    @Inject
    HealthConfig config;

    @Inject
    KafkaConnection connection;

    private ClusterProbe probe;

    @Override
    public HealthCheckResponse call() {
        ClusterStatus status = probe().status();
        return HealthCheckResponse.named("kafka").status(status.reachable())
                .withData("bootstrap-servers", connection.bootstrapServers())
                .withData("security-protocol", connection.securityProtocol())
                .withData("brokers", status.brokers())
                .withData("detail", status.detail())
                .build();
    }

    private synchronized ClusterProbe probe() {
        if (probe == null) {
            probe = new ClusterProbe(connection, config.kafkaTimeout(), config.kafkaCache());
        }
        return probe;
    }

    @PreDestroy
    synchronized void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
