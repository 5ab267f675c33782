package tokenstream.relay;

import io.restassured.RestAssured;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.EventId;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What relay tests share: a writer on the shared broker and URLs of the running relay. */
public final class RelayTestSupport {
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private RelayTestSupport() {
    }

    public static TestChunks writer() {
        return new TestChunks(SharedKafka.get().bootstrapServers());
    }

    public static String newConversation() {
        return "conv-" + UUID.randomUUID();
    }

    public static URI streamUri(String conversationId, String query) {
        return URI.create("http://localhost:" + RestAssured.port + "/v1/conversations/" + conversationId + "/stream"
                + (query == null ? "" : "?" + query));
    }

    public static SseClient open(String conversationId, String query) {
        return SseClient.open(streamUri(conversationId, query));
    }

    public static SseClient resume(String conversationId, EventId lastSeen) {
        return SseClient.open(streamUri(conversationId, null), Map.of("Last-Event-ID", lastSeen.encode()));
    }

    public static String from(EventId id) {
        return "from=" + URLEncoder.encode(id.encode(), StandardCharsets.UTF_8);
    }

    /** The text of the deltas among the events. */
    public static String text(List<SseEvent> events) {
        return events.stream().filter(e -> e.event().equals("text.delta"))
                .map(e -> e.json().get("text").asText()).collect(Collectors.joining());
    }

    public static List<EventId> ids(List<SseEvent> events) {
        return events.stream().map(e -> EventId.decode(e.id())).toList();
    }

    public static List<String> tokens(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> " tok" + i).toList();
    }
}
