package tokenstream.kafkalocal;

import org.junit.jupiter.api.Test;
import tokenstream.kafkasetup.KafkaConnection;
import tokenstream.kafkasetup.probe.ClusterProbe;
import tokenstream.kafkasetup.probe.ClusterStatus;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The readiness probe's view of Kafka: reachable with its brokers, or unreachable within the timeout. */
class ClusterProbeTest {

    @Test
    void runningBrokerIsReachableWithItsBrokerCount() {
        try (var probe = new ClusterProbe(KafkaConnection.plaintext(SharedKafka.get().bootstrapServers()), Duration.ofSeconds(3), Duration.ofSeconds(5))) {
            ClusterStatus status = probe.status();
            assertTrue(status.reachable(), status.toString());
            assertEquals(1, status.brokers());
        }
    }

    @Test
    void deadPortIsUnreachableWithinTheTimeout() {
        int dead = PortAllocator.freePort();
        try (var probe = new ClusterProbe(KafkaConnection.plaintext("127.0.0.1:" + dead), Duration.ofSeconds(2), Duration.ofSeconds(5))) {
            long started = System.nanoTime();
            ClusterStatus status = probe.status();
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertFalse(status.reachable(), status.toString());
            assertTrue(tookMillis < 4_000, "took " + tookMillis + " ms");
        }
    }

    @Test
    void aFreshResultIsReusedInsteadOfAskingKafkaAgain() {
        try (var probe = new ClusterProbe(KafkaConnection.plaintext(SharedKafka.get().bootstrapServers()), Duration.ofSeconds(3), Duration.ofMinutes(1))) {
            assertSame(probe.status(), probe.status());
        }
    }
}
