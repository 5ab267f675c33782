package tokenstream.consumers.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING, or REBALANCING after it has been RUNNING (the stores it still owns
 * answer, and a rebalance is routine). The first rebalance after a start is not ready: no store is assigned or
 * restored yet, every read would answer 503. In any other state the audit does not advance and reads may fail, so a load balancer should send
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
        boolean ready = state == KafkaStreams.State.RUNNING
                || state == KafkaStreams.State.REBALANCING && health.wasRunning();
        String reason = ready ? "assembling"
                : state == KafkaStreams.State.REBALANCING ? "Kafka Streams is in its first rebalance since start"
                + " (stores not assigned and restored yet)"
                : "Kafka Streams is " + state + ", not RUNNING";
        return StreamsLivenessCheck.describe("kafka-streams", state, health).status(ready)
                .withData("reason", reason).build();
    }
}
