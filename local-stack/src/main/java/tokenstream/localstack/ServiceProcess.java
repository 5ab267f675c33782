package tokenstream.localstack;

import tokenstream.kafkalocal.OrphanGuard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM started from its {@code quarkus-run.jar} as a child process. It keeps its port across
 * {@link #stop()}, {@link #kill()} and {@link #start()}, so tests can crash it and bring the same instance back.
 *
 * <p>The JVM runs Quarkus' entry point through {@link OrphanGuard}, so it also exits when this process dies
 * without running its shutdown hooks (SIGKILL); a normal exit or Ctrl-C stops it through {@link LocalStack#close()}.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final String QUARKUS_ENTRY_POINT = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";
    // A JVM service can take minutes to start on a 2-core machine that also runs a loaded cluster (RollingRestartTest).
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final ServiceLaunch launch;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    public ServiceProcess(ServiceLaunch launch) {
        this.launch = launch;
    }

    /**
     * Starts the JVM (unless it runs) and returns once it answers HTTP on its port. A {@link #stop()} or
     * {@link #kill()} meanwhile ends the wait at once, with an exception.
     */
    public ServiceProcess start() {
        Process started;
        synchronized (this) {
            if (isRunning()) {
                return this;
            }
            started = launch();
        }
        // Waiting outside the lock lets a shutdown stop a service that is still starting.
        awaitReady(started);
        return this;
    }

    /** Stops the service gracefully (SIGTERM, so its shutdown hooks run) and waits for it to exit. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the service at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    /** Stops, then starts the same service on the same port. */
    public ServiceProcess restart() {
        stop();
        return start();
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The JVM's operating-system process id while it runs, else -1. */
    public synchronized long pid() {
        return isRunning() ? process.pid() : -1;
    }

    public String name() {
        return launch.name();
    }

    public int port() {
        return launch.port();
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return "http://localhost:" + launch.port();
    }

    public Path logFile() {
        return launch.logFile();
    }

    private Process launch() {
        if (!Files.isRegularFile(launch.appJar())) {
            throw new IllegalStateException(launch.name() + " is not built: " + launch.appJar()
                    + " is missing; run ./mvnw -DskipTests install in the repository root");
        }
        try {
            Files.createDirectories(launch.logFile().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true);
            if (launch.echo()) {
                process = builder.start();
                OutputEcho.start(launch.name(), process.getInputStream(), launch.logFile(), System.out);
            } else {
                process = builder.redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile())).start();
            }
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name(), e);
        }
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + launch.maxHeap());
        command.addAll(launch.jvmOptions());
        // What the jar's manifest (Add-Opens) and QuarkusEntryPoint would do for `java -jar`.
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("-Dquarkus.http.port=" + launch.port());
        command.add("-Dkafka.bootstrap.servers=" + launch.bootstrapServers());
        launch.properties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        // quarkus-run.jar's manifest Class-Path brings Quarkus' boot libraries; the guard comes from kafka-local.
        command.add(launch.appJar().toAbsolutePath() + java.io.File.pathSeparator + guardLocation());
        command.add(OrphanGuard.class.getName());
        command.add(String.valueOf(ProcessHandle.current().pid()));
        command.add(QUARKUS_ENTRY_POINT);
        return command;
    }

    private void awaitReady(Process started) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launch.port() + "/"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!started.isAlive()) {
                throw new IllegalStateException(exitedWhileStarting(started));
            }
            try {
                // Any status will do: the service is up once its HTTP server answers at all.
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted while waiting for " + launch.name(), e);
            }
        }
        kill();
        throw new IllegalStateException(launch.name() + " did not answer on port " + launch.port() + " within "
                + READY_TIMEOUT.toSeconds() + " s; last lines of " + launch.logFile() + ":\n" + logTail());
    }

    private synchronized String exitedWhileStarting(Process started) {
        if (process != started) {
            return launch.name() + " was stopped while starting";
        }
        return launch.name() + " exited with code " + started.exitValue() + " while starting; last lines of "
                + launch.logFile() + ":\n" + logTail();
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(launch.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String guardLocation() {
        try {
            return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the kafka-local classes", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
