package tokenstream.bench.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The controller's handle on one load-generator process ({@link LoadGenMain}) aimed at one server. */
public final class LoadGenerator implements AutoCloseable {
    /**
     * Selector threads: one per core unless {@code -Dtokenstream.loadgen.threads} says otherwise, so that reading a
     * broadcast's burst is not one serial queue (see {@link SseLoads}).
     */
    static final int THREADS = Integer.getInteger("tokenstream.loadgen.threads",
            Runtime.getRuntime().availableProcessors());

    private final Process process;
    private final Writer commands;
    private final BufferedReader answers;

    private LoadGenerator(Process process) {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts a load generator for {@code 127.0.0.1:port}; its standard error goes to {@code log}. */
    public static LoadGenerator start(int port, Path log) {
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC", "-XX:ParallelGCThreads=1",
                "-cp", System.getProperty("java.class.path"), LoadGenMain.class.getName(), "127.0.0.1",
                String.valueOf(port), String.valueOf(THREADS));
        try {
            return new LoadGenerator(new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the load generator", e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Opens {@code count} subscribers spread over {@code conversations} ({@code {n}} in the path is the
     * conversation's number) and returns how many got a stream.
     */
    public int open(int count, int conversations, String pathTemplate, int inFlight) {
        String answer = send("open count=" + count + " convs=" + conversations + " path=" + pathTemplate
                + " inflight=" + inFlight);
        return Integer.parseInt(answer.replaceAll(".*ever_streamed=(\\d+).*", "$1"));
    }

    public void reset() {
        send("reset");
    }

    public LoadReport report() {
        return LoadReport.parse(send("report"));
    }

    /** Cuts {@code count} subscribers now; they reconnect together after {@code offlineMillis}. */
    public int storm(int count, long offlineMillis) {
        return Integer.parseInt(send("storm count=" + count + " offline-ms=" + offlineMillis).substring("OK cut=".length()));
    }

    /** From now on {@code perSecond} streaming subscribers a second reconnect at their last id; 0 stops it. */
    public void churn(double perSecond) {
        send("churn per-second=" + perSecond);
    }

    public void closeAll() {
        send("close");
    }

    private synchronized String send(String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
            String answer = answers.readLine();
            if (answer == null) {
                throw new IllegalStateException("the load generator exited (command: " + command + ")");
            }
            if (answer.startsWith("ERR")) {
                throw new IllegalStateException("load generator: " + answer + " (command: " + command + ")");
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                send("quit");
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (RuntimeException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
