package tokenstream.consumers.support;

import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.time.Instant;

/** Waits for the application's Kafka Streams to own its partitions, so that its stores can be queried. */
public final class StreamsReadiness {

    private StreamsReadiness() {
    }

    public static void awaitRunning(KafkaStreams streams, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Kafka Streams not RUNNING within " + timeout + ": " + streams.state());
            }
            Thread.sleep(100);
        }
    }
}
