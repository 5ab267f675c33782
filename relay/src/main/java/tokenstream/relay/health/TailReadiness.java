package tokenstream.relay.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Instant;

/**
 * Not ready while the shared tail does not poll: every stream of this instance would sit on keep-alives with
 * nothing new, so a load balancer should send clients to another instance. Reads two fields, answers at once.
 */
@Readiness
@ApplicationScoped
public class TailReadiness implements HealthCheck {
    private final TailHealth tail;
    private final TailHealthConfig config;

    public TailReadiness(TailHealth tail, TailHealthConfig config) {
        this.tail = tail;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long lastPoll = tail.lastPollMillis();
        long sinceMillis = System.currentTimeMillis() - lastPoll;
        String reason = null;
        if (!tail.pollThreadAlive()) {
            reason = "the shared tail's poll thread has stopped";
        } else if (sinceMillis > config.tailStallTimeout().toMillis()) {
            reason = "the shared tail has not polled Kafka for " + sinceMillis + " ms (limit "
                    + config.tailStallTimeout().toMillis() + " ms, tokenstream.relay.health.tail-stall-timeout)";
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("chunk-tail").status(reason == null)
                .withData("last-poll", Instant.ofEpochMilli(lastPoll).toString())
                .withData("caught-up", tail.isReady())
                .withData("lag-records", tail.lagRecords());
        if (reason != null) {
            response.withData("reason", reason);
        }
        return response.build();
    }
}
