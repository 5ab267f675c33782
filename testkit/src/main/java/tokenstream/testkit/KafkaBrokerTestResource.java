package tokenstream.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import tokenstream.kafkalocal.SharedKafka;

import java.util.Map;

/**
 * Points a {@code @QuarkusTest} application at the JVM's {@link SharedKafka} broker. The broker outlives
 * each application start; it stops with the JVM.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedKafka.get().bootstrapServers());
    }

    @Override
    public void stop() {
        // The shared broker stops with the JVM, not with each application.
    }
}
