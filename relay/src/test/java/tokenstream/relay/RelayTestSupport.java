package tokenstream.relay;

import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.EventId;
import tokenstream.relay.tail.ChunkTail;
import tokenstream.relay.tail.ConversationPartitioner;
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

import static org.awaitility.Awaitility.await;

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

    /** Waits until the relay's shared tail has read past a written record (its window then holds it). */
    public static void awaitTailPast(EventId written) {
        ChunkTail tail = Arc.container().instance(ChunkTail.class).get();
        await("the tail reads past " + written).atMost(TIMEOUT).until(() -> tail.isReady()
                && tail.feed().partition(written.partition()).nextOffset() > written.offset());
    }

    /** Waits until a client of the conversation is subscribed on this relay. */
    public static void awaitWatched(String conversationId) {
        ChunkTail tail = Arc.container().instance(ChunkTail.class).get();
        await("a subscriber of " + conversationId).atMost(TIMEOUT).until(() -> tail.isReady()
                && tail.feed().partition(partitionOf(conversationId, tail)).isWatched(conversationId));
    }

    /** Waits until no client of the conversation is subscribed on this relay any more. */
    public static void awaitUnwatched(String conversationId) {
        ChunkTail tail = Arc.container().instance(ChunkTail.class).get();
        await("no subscriber of " + conversationId).atMost(TIMEOUT)
                .until(() -> !tail.feed().partition(partitionOf(conversationId, tail)).isWatched(conversationId));
    }

    private static int partitionOf(String conversationId, ChunkTail tail) {
        return ConversationPartitioner.partitionOf(conversationId, tail.feed().partitionCount());
    }

    public static List<String> tokens(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> " tok" + i).toList();
    }
}
