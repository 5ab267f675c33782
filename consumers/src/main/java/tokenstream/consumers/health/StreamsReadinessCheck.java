package tokenstream.consumers.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING (or REBALANCING: the stores it still owns answer, and a rebalance is
 * routine). In any other state the audit does not advance and reads may fail, so a load balancer should send
 * nothing here. Reads the state in memory: answers at once, whatever the broker does.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {
    private final KafkaStreams streams;
    private final StreamsHealth health;

    StreamsReadinessCheck(KafkaStreams streams, StreamsHealth health) {
        this.streams = streams;
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean ready = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return StreamsLivenessCheck.describe("kafka-streams", state, health).status(ready)
                .withData("reason", ready ? "assembling" : "Kafka Streams is " + state + ", not RUNNING").build();
    }
}
