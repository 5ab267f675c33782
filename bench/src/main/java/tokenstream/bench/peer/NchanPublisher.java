package tokenstream.bench.peer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Publishes token events to Nchan at a fixed pace, one POST after another, each body shaped like a relay event
 * ({@code response_id}, {@code seq}, {@code timestamp} = the moment of publishing), so the same load generator
 * checks order and measures latency the same way. Nchan answers a publish only once it has written the message
 * to every subscriber, so a publisher that falls behind its pace publishes late rather than skipping seqs.
 */
public final class NchanPublisher implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI publishUri;
    private Thread thread;
    private volatile long published;

    public NchanPublisher(int port) {
        this.publishUri = URI.create("http://127.0.0.1:" + port + "/pub");
    }

    /** Publishes {@code count} events of response {@code responseId} at {@code perSecond}, in the background. */
    public void start(String responseId, double perSecond, int count) {
        thread = new Thread(() -> publish(responseId, perSecond, count), "nchan-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void publish(String responseId, double perSecond, int count) {
        long periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long next = System.nanoTime();
        for (int seq = 0; seq < count && !Thread.currentThread().isInterrupted(); seq++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += periodNanos;
            String body = NchanChannelsPublisher.body("broadcast", responseId, seq, Instant.now());
            try {
                http.send(HttpRequest.newBuilder(publishUri).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                published++;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a failed publish shows up as a lost seq at every subscriber
            }
        }
    }

    public long published() {
        return published;
    }

    /** Waits for the publisher to finish (at most {@code timeout}), then stops it. */
    @Override
    public void close() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
