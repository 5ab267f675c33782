package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.Generations.seqs;
import static tokenstream.systemtests.Generations.text;
import static tokenstream.systemtests.Pipeline.TIMEOUT;

/** The foundation's promise: generate, stream, drop, resume exactly, and read the audited answer. */
class EndToEndTest {

    @Test
    void droppedClientResumesWithExactlyTheMissingTokensAndTheAuditAgrees() {
        var started = Generations.start("e2e-" + UUID.randomUUID(), "Explain resumable streams", 7, 80, 40);
        List<SseEvent> received = new ArrayList<>();
        try (SseClient first = SseClient.open(URI.create(started.streamUrl()))) {
            assertEquals(200, first.status());
            received.addAll(first.take(20, TIMEOUT));
        }
        String lastId = received.get(received.size() - 1).id();
        try (SseClient again = SseClient.open(URI.create(Pipeline.stack().relayUrl() + "/v1/conversations/"
                + started.conversationId() + "/stream"), Map.of("Last-Event-ID", lastId))) {
            received.addAll(again.until(SseEvent::isTerminal, TIMEOUT));
        }
        assertEquals(LongStream.rangeClosed(0, started.maxTokens() + 1).boxed().toList(), seqs(received),
                "every seq exactly once, in order");
        assertEquals(started.expectedText(), text(received));
        assertEquals("response.completed", received.get(received.size() - 1).event());

        JsonNode audited = Pipeline.auditedResponse(started.responseId(), r -> "completed".equals(r.path("status").asText()));
        assertEquals(started.expectedText(), audited.get("text").asText());
        assertEquals(started.conversationId(), audited.get("conversation_id").asText());
    }

    @Test
    void startPositionIsTheResponseStartedEventOnTheRelay() {
        var started = Generations.start("e2e-" + UUID.randomUUID(), "position", 1, 5, 200);
        try (SseClient client = SseClient.open(URI.create(started.streamUrl()))) {
            SseEvent first = client.next(TIMEOUT);
            assertEquals("response.started", first.event());
            assertEquals(started.position(), first.id());
            assertEquals(started.responseId(), first.json().get("response_id").asText());
            EventId.decode(first.id());
        }
    }

    @Test
    void twoClientsOnOneConversationBothReceiveTheWholeResponse() {
        var started = Generations.start("e2e-" + UUID.randomUUID(), "two readers", 3, 60, 60);
        try (SseClient a = SseClient.open(URI.create(started.streamUrl()));
             SseClient b = SseClient.open(URI.create(started.streamUrl()))) {
            assertEquals(started.expectedText(), text(a.until(SseEvent::isTerminal, TIMEOUT)));
            assertEquals(started.expectedText(), text(b.until(SseEvent::isTerminal, TIMEOUT)));
        }
    }

    @Test
    void fiftyConcurrentConversationsEachKeepTheirOwnOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                outcomes.add(pool.submit(() -> {
                    var started = Generations.start("e2e-many-" + n + "-" + UUID.randomUUID(), "conversation " + n, n, 30, 50);
                    try (SseClient client = SseClient.open(URI.create(started.streamUrl()))) {
                        List<SseEvent> events = client.until(SseEvent::isTerminal, TIMEOUT);
                        assertTrue(events.stream().allMatch(e -> started.responseId().equals(e.json().get("response_id").asText())),
                                "only this conversation's response");
                        assertEquals(LongStream.rangeClosed(0, 31).boxed().toList(), seqs(events));
                        assertEquals(started.expectedText(), text(events));
                        return started.responseId();
                    }
                }));
            }
            for (Future<String> outcome : outcomes) {
                outcome.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void demoPageIsServedByTheRelay() {
        Pipeline.Answer page = Pipeline.get(Pipeline.stack().relayUrl() + "/");
        assertEquals(200, page.status());
        assertTrue(page.raw().body().contains("app.js"), "the page loads its script");
        Pipeline.Answer client = Pipeline.get(Pipeline.stack().relayUrl() + "/tokenstream-client.js");
        assertEquals(200, client.status());
        assertTrue(client.raw().body().contains("EventSource"), "the client module streams with EventSource");
    }

    @Test
    void relayForwardsGenerationRequestsOfThePageToIngest() {
        String conversation = "e2e-" + UUID.randomUUID();
        Pipeline.Answer answer = Pipeline.post(Pipeline.stack().relayUrl() + "/v1/conversations/" + conversation + "/responses",
                "application/json", "{\"prompt\":\"via relay\",\"options\":{\"max_tokens\":3,\"tokens_per_second\":100}}");
        assertEquals(202, answer.status(), answer.raw().body());
        assertEquals(conversation, answer.body().get("conversation_id").asText());
        try (SseClient client = SseClient.open(URI.create(Pipeline.stack().relayUrl() + "/v1/conversations/" + conversation
                + "/stream?from=" + answer.body().get("position").asText()))) {
            assertEquals("response.completed", client.until(SseEvent::isTerminal, Duration.ofSeconds(30))
                    .get(3 + 1).event());
        }
    }
}
