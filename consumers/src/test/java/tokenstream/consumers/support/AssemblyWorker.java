package tokenstream.consumers.support;

import org.awaitility.core.ConditionTimeoutException;
import tokenstream.kafkalocal.OrphanGuard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A child JVM running {@link AssemblyWorkerMain}, which the test may kill like a crash would. */
public final class AssemblyWorker implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AssemblyWorker(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the worker, its output appended to {@code log} (a new file per start), and returns once its Kafka Streams is RUNNING. */
    public static AssemblyWorker start(Path log, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                // The guard ends the worker if this test JVM dies first, so no worker outlives a broken build.
                OrphanGuard.class.getName(), String.valueOf(ProcessHandle.current().pid()),
                AssemblyWorkerMain.class.getName()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            AssemblyWorker worker = new AssemblyWorker(process, log);
            worker.awaitRunning(timeout);
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRunning(Duration timeout) {
        try {
            await("assembly worker RUNNING; see " + log).atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .failFast("assembly worker exited; see " + log, () -> !process.isAlive())
                    .until(() -> runningMarkers() > 0);
        } catch (ConditionTimeoutException e) {
            kill();
            throw e;
        }
    }

    private long runningMarkers() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(AssemblyWorkerMain.RUNNING)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the worker still runs: it exits as soon as its Kafka Streams is ERROR or NOT_RUNNING. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no flush; whatever transaction was open stays open. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
