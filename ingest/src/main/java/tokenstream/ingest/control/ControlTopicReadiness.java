package tokenstream.ingest.control;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the control topic is read from fixed positions: before that, a cancel sent for a response this
 * instance runs could pass unseen.
 */
@Readiness
@ApplicationScoped
public class ControlTopicReadiness implements HealthCheck {
    private final ControlPositions positions;
    private final ControlConfig config;

    public ControlTopicReadiness(@Identifier(ControlPositions.NAME) ControlPositions positions, ControlConfig config) {
        this.positions = positions;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        int partitions = positions.positionedPartitions();
        var response = HealthCheckResponse.named("control-topic")
                .status(partitions > 0)
                .withData("topic", config.controlTopic())
                .withData("partitions", partitions);
        if (partitions == 0) {
            response.withData("reason", "the control topic is not assigned yet: cancels sent to this instance could be missed");
        }
        return response.build();
    }
}
