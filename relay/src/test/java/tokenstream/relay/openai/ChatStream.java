package tokenstream.relay.openai;

import io.restassured.RestAssured;
import tokenstream.protocol.sse.SseEvent;
import tokenstream.protocol.sse.SseParser;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A test client of the OpenAI-compatible stream: the answer's head and its events, read until the end or a limit. */
public record ChatStream(int status, HttpResponse<InputStream> response, List<SseEvent> events) {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static URI relay(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    public static ChatStream post(String body, Map<String, String> headers, int maxEvents) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(relay("/v1/chat/completions")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return read(request.build(), maxEvents);
    }

    static ChatStream get(String path, Map<String, String> headers, int maxEvents) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(relay(path)).timeout(Duration.ofSeconds(20)).GET();
        headers.forEach(request::header);
        return read(request.build(), maxEvents);
    }

    /** Reads events until the stream ends or {@code maxEvents} have come, then closes the connection. */
    private static ChatStream read(HttpRequest request, int maxEvents) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1];
            // One byte at a time, so a limit stops exactly after an event and the rest stays unread.
            while (events.size() < maxEvents && in.read(buffer) == 1) {
                parser.feed(buffer);
            }
        }
        return new ChatStream(response.statusCode(), response, events);
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
