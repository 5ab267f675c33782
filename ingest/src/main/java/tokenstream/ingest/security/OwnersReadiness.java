package tokenstream.ingest.security;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until this instance has read the response-owners topic as it stood at start: before that, a push into a
 * response owned by another conversation could only be refused after a round trip through Kafka, and a load balancer
 * should rather send the request to an instance that is ready.
 */
@Readiness
@ApplicationScoped
public class OwnersReadiness implements HealthCheck {
    private final OwnersTopicReader reader;

    public OwnersReadiness(OwnersTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("response-owners").status(reader.caughtUp())
                .withData("detail", reader.state())
                .withData("known-responses", reader.knownResponses())
                .build();
    }
}
