package tokenstream.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Not ready while this instance cannot write chunks: its producer is closed or failed fatally, or starts and pushes
 * are being refused because Kafka is unreachable. It only reads state kept by the writes and the availability probe,
 * so it answers at once whatever Kafka does.
 */
@Readiness
@ApplicationScoped
public class ChunkProducerReadiness implements HealthCheck {
    private final ChunkWriter writer;
    private final KafkaAvailability availability;

    public ChunkProducerReadiness(ChunkWriter writer, KafkaAvailability availability) {
        this.writer = writer;
        this.availability = availability;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<String> broken = writer.health().brokenReason();
        Optional<String> refused = availability.unavailableReason();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("chunk-producer")
                .status(broken.isEmpty() && refused.isEmpty())
                .withData("topic", writer.topic())
                .withData("writes", broken.isPresent() || refused.isPresent() ? "refused" : "accepted");
        broken.or(() -> refused).ifPresent(reason -> response.withData("reason", reason));
        return response.build();
    }
}
