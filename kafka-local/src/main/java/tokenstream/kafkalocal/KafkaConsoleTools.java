package tokenstream.kafkalocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Kafka's own command-line tools (from {@code kafka-tools}) against a broker, as an operator would. */
public final class KafkaConsoleTools {
    /** {@code kafka-console-consumer}. */
    public static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    /** {@code kafka-topics}. */
    public static final String TOPICS = "org.apache.kafka.tools.TopicCommand";
    /** {@code kafka-e2e-latency}. */
    public static final String END_TO_END_LATENCY = "org.apache.kafka.tools.EndToEndLatency";

    private KafkaConsoleTools() {
    }

    /** The result of one tool run. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code mainClass args...} in a child JVM and returns its exit code and combined output. */
    public static Result run(long timeoutSeconds, String mainClass, String... args) {
        List<String> command = new ArrayList<>(ChildJvm.command(
                List.of("-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"), OrphanGuard.class.getName(),
                List.of(String.valueOf(ProcessHandle.current().pid()), mainClass)));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = new byte[0];
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5_000);
            return new Result(process.isAlive() ? -1 : process.exitValue(),
                    output[0] == null ? "" : new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
