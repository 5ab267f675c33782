package tokenstream.consumers.support;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits for the application's Kafka Streams to own its partitions, so that its stores can be queried. */
public final class StreamsReadiness {

    private StreamsReadiness() {
    }

    public static void awaitRunning(KafkaStreams streams, Duration timeout) {
        await("Kafka Streams RUNNING").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(streams::state, state -> state == KafkaStreams.State.RUNNING);
    }
}
