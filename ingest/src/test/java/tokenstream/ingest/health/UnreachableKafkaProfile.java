package tokenstream.ingest.health;

import io.quarkus.test.junit.QuarkusTestProfile;
import tokenstream.kafkalocal.PortAllocator;

import java.util.Map;

/** Ingest pointed at a loopback port where no broker listens. */
public class UnreachableKafkaProfile implements QuarkusTestProfile {
    static final String DEAD_BOOTSTRAP = "127.0.0.1:" + PortAllocator.freePort();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kafka.bootstrap.servers", DEAD_BOOTSTRAP,
                "tokenstream.health.kafka-timeout", "1s");
    }
}
