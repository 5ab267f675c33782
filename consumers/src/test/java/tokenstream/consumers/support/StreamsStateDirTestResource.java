package tokenstream.consumers.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh Kafka Streams state directory per test JVM: the shared broker is new each run, and local state
 * left by an earlier run's broker (default {@code /tmp/kafka-streams}) would not match it.
 */
public class StreamsStateDirTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        try {
            return Map.of("kafka-streams.state.dir",
                    Files.createTempDirectory(Files.createDirectories(Path.of("target")), "kafka-streams-state-")
                            .toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Kafka Streams owns the directory until the JVM ends; it lives under target/ and goes with it.
    }
}
