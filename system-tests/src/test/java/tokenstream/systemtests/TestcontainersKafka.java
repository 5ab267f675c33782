package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka in a Testcontainers {@code apache/kafka} container, for the {@code testcontainers} Maven profile (system
 * property {@code tokenstream.kafka=testcontainers}). Started once per JVM; Testcontainers' reaper removes it.
 * Without a Docker engine every test that needs it is skipped, saying so.
 */
final class TestcontainersKafka {
    static final String IMAGE = "apache/kafka:4.1.2";
    private static KafkaContainer kafka;

    private TestcontainersKafka() {
    }

    /** Whether this run asked for Kafka from Testcontainers. */
    static boolean requested() {
        return "testcontainers".equals(System.getProperty("tokenstream.kafka"));
    }

    static synchronized String bootstrapServers() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "the testcontainers profile needs a Docker engine and none is reachable here: skipped."
                        + " Run without -Ptestcontainers to use the child-process broker.");
        if (kafka == null) {
            KafkaContainer started = new KafkaContainer(DockerImageName.parse(IMAGE));
            started.start();
            kafka = started;
        }
        return kafka.getBootstrapServers();
    }
}
