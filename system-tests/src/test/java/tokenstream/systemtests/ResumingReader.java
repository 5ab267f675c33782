package tokenstream.systemtests;

import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one response the way a browser's EventSource does across failures: when the stream ends, is refused
 * or cannot be opened, it reconnects to the same URL with {@code Last-Event-ID} set to the last event it got.
 */
final class ResumingReader {
    private ResumingReader() {
    }

    /** Every event of the response through its terminal one, and how often the reader had to reconnect. */
    record Read(List<SseEvent> events, int reconnects) {
    }

    static Read readResponse(String streamUrl, Duration timeout) {
        List<SseEvent> events = new ArrayList<>();
        String lastId = null;
        int reconnects = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (SseClient client = SseClient.open(URI.create(streamUrl),
                    lastId == null ? Map.of() : Map.of("Last-Event-ID", lastId))) {
                if (client.status() == 200) {
                    while (System.nanoTime() < deadline) {
                        SseEvent event = client.next(Duration.ofSeconds(1));
                        if (event == null) {
                            if (client.ended()) {
                                break;
                            }
                            continue;
                        }
                        if (event.id() == null) {
                            if ("stream.position_expired".equals(event.event())) {
                                throw new AssertionError("position expired while resuming " + streamUrl + ": " + event.data());
                            }
                            // stream.reconnect: the relay closes this stream; resume below.
                            continue;
                        }
                        events.add(event);
                        lastId = event.id();
                        if (event.isTerminal()) {
                            return new Read(events, reconnects);
                        }
                    }
                }
            } catch (IllegalStateException cannotConnect) {
                // the relay is unreachable right now: retry like EventSource does
            }
            reconnects++;
            Pipeline.sleep(500); // the reconnect delay of an EventSource client
        }
        throw new AssertionError("no terminal event for " + streamUrl + " within " + timeout + " after " + reconnects
                + " reconnects; got " + events.size() + " events");
    }
}
