package tokenstream.testkit;

import tokenstream.protocol.sse.SseParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real SSE client over HTTP/1.1 for tests: parses the stream as a browser's EventSource would ({@link SseParser})
 * on a reader thread.
 */
public final class SseClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    // As EventSource does: redirects are followed with the request's headers (Last-Event-ID among them).
    private static final HttpClient FOLLOWING = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private volatile Long retryMillis;
    private volatile boolean ended;
    private final Thread reader;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream; returns even for non-200 answers (check {@link #status()}). */
    public static SseClient open(URI uri, Map<String, String> headers) {
        return open(HTTP, uri, headers);
    }

    /** Like {@link #open(URI, Map)}, following redirects as a browser's EventSource does. */
    public static SseClient openFollowingRedirects(URI uri, Map<String, String> headers) {
        return open(FOLLOWING, uri, headers);
    }

    private static SseClient open(HttpClient http, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static SseClient open(URI uri) {
        return open(uri, Map.of());
    }

    public int status() {
        return response.statusCode();
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public Long retryMillis() {
        return retryMillis;
    }

    /** Comment lines seen (heartbeats). */
    public int comments() {
        return comments.get();
    }

    /** Whether the server ended the stream. */
    public boolean ended() {
        return ended && events.isEmpty();
    }

    /** The next event, or null if none arrives in time (or the stream ended). */
    public SseEvent next(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                SseEvent event = events.poll(50, TimeUnit.MILLISECONDS);
                if (event != null) {
                    return event;
                }
                if (ended && events.isEmpty()) {
                    return null;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Events up to and including the first that matches, or fails after the timeout. */
    public List<SseEvent> until(Predicate<SseEvent> last, Duration timeout) {
        List<SseEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SseEvent event = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (event == null) {
                break;
            }
            seen.add(event);
            if (last.test(event)) {
                return seen;
            }
        }
        throw new AssertionError("stream did not deliver the expected event in " + timeout + "; got " + seen.size()
                + " events, last " + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
    }

    /** Exactly {@code count} events, or fails after the timeout. */
    public List<SseEvent> take(int count, Duration timeout) {
        AtomicInteger seen = new AtomicInteger();
        return until(e -> seen.incrementAndGet() >= count, timeout);
    }

    /** Drops the connection, as a network cut would. */
    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }

    private void read() {
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(tokenstream.protocol.sse.SseEvent event) {
                events.add(new SseEvent(event.id(), event.event(), event.data()));
            }

            @Override
            public void onRetry(long millis) {
                retryMillis = millis;
            }

            @Override
            public void onComment(String text) {
                comments.incrementAndGet();
            }
        });
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) >= 0) {
                parser.feed(buffer, 0, read);
            }
        } catch (IOException e) {
            // connection dropped
        } finally {
            ended = true;
        }
    }
}
