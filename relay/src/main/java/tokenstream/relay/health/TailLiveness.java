package tokenstream.relay.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live once the shared tail's poll thread has died: nothing in the process starts it again, so only a restart
 * brings the instance back. A tail that is merely reconnecting to Kafka stays live (readiness says it).
 */
@Liveness
@ApplicationScoped
public class TailLiveness implements HealthCheck {
    private final TailHealth tail;

    public TailLiveness(TailHealth tail) {
        this.tail = tail;
    }

    @Override
    public HealthCheckResponse call() {
        boolean alive = tail.pollThreadAlive();
        var response = HealthCheckResponse.named("chunk-tail").status(alive);
        if (!alive) {
            response.withData("reason", "the shared tail's poll thread has stopped; restart the instance");
        }
        return response.build();
    }
}
