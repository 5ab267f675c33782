package tokenstream.consumers.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.EnumSet;
import java.util.Set;

/**
 * Dead when Kafka Streams has stopped for good (ERROR, PENDING_ERROR, NOT_RUNNING): it never comes back by itself,
 * and a restart can help (a bad record cannot be the cause: those are dead-lettered). Starting, rebalancing or
 * waiting for the broker is alive: a restart would not make Kafka come back. Answers from memory, at once.
 */
@Liveness
@ApplicationScoped
public class StreamsLivenessCheck implements HealthCheck {
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.ERROR,
            KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING);

    private final KafkaStreams streams;
    private final StreamsHealth health;

    StreamsLivenessCheck(KafkaStreams streams, StreamsHealth health) {
        this.streams = streams;
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        boolean alive = !DEAD.contains(state);
        return describe("kafka-streams", state, health).status(alive)
                .withData("reason", alive ? "Kafka Streams is " + state
                        : "Kafka Streams is " + state + " and will not recover by itself; restart the service")
                .build();
    }

    static HealthCheckResponseBuilder describe(String name, KafkaStreams.State state, StreamsHealth health) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name)
                .withData("state", state.name())
                .withData("state-since", health.stateSince().toString());
        String error = health.lastError();
        if (error != null) {
            builder.withData("last-error", error);
        }
        return builder;
    }
}
