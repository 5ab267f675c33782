package tokenstream.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.sse.SseFrames;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves a replay as Server-Sent Events on a loopback port, in the relay's format ({@code id:} = the record's
 * event id, {@code event:} = its type, {@code data:} = its JSON), so SSE clients can be tried against a recorded
 * conversation. Every client that connects gets the whole replay from its own start, then the stream ends.
 */
public final class SseReplayServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch firstReplayDone = new CountDownLatch(1);

    private SseReplayServer(HttpServer server) {
        this.server = server;
    }

    /** Listens on {@code 127.0.0.1:port} (0 picks a free port). */
    public static SseReplayServer start(int port, List<ReplayedEvent> events, double speed) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            SseReplayServer replay = new SseReplayServer(http);
            http.createContext("/", exchange -> replay.stream(exchange, events, speed));
            http.setExecutor(replay.threads);
            http.start();
            return replay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Waits until the first client's replay has been sent in full. */
    public void awaitFirstReplay() throws InterruptedException {
        firstReplayDone.await();
    }

    private void stream(HttpExchange exchange, List<ReplayedEvent> events, double speed) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("Cache-Control", "no-cache");
        exchange.getResponseHeaders().add("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            Replayer.replay(events, speed, replayed -> write(body, frame(replayed)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            // the client went away; nothing to replay to
        } finally {
            firstReplayDone.countDown();
        }
    }

    /**
     * The relay's frame of the event. A type that would break the {@code event:} line (anything can be written to
     * the topic) is replaced, as the relay replaces it.
     */
    private static byte[] frame(ReplayedEvent replayed) {
        String type = replayed.event().typeName();
        return SseFrames.event(replayed.position(), SseFrames.isFieldValue(type) ? type : EventTypes.REPLACED,
                ChunkEventCodec.write(replayed.event()));
    }

    private static void write(OutputStream body, byte[] frame) {
        try {
            body.write(frame);
            body.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
