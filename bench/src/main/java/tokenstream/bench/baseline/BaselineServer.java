package tokenstream.bench.baseline;

import tokenstream.kafkalocal.PortAllocator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The one-consumer-per-client server ({@link PerClientConsumerRelay}) as a child JVM on a free port. */
public final class BaselineServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private BaselineServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static BaselineServer start(String bootstrap, String topic, int partitions, Path log) {
        int port = PortAllocator.freePort();
        List<String> command = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                PerClientConsumerRelay.class.getName(), String.valueOf(port), bootstrap, topic,
                String.valueOf(partitions));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            BaselineServer server = new BaselineServer(process, port);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                sleep();
            }
        }
        throw new IllegalStateException("the baseline server did not start listening on " + port);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
