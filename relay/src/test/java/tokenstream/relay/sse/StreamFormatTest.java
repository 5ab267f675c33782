package tokenstream.relay.sse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.EventId;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StreamFormatTest {

    @Test
    void eventIdsAreTheKafkaPositionsAndEventNamesTheTypes() {
        String conversation = newConversation();
        try (SseClient client = open(conversation, null); TestChunks writer = writer()) {
            assertEquals(200, client.status());
            List<EventId> written = writer.writeResponse(conversation, "r1", tokens(3));
            List<SseEvent> events = client.until(SseEvent::isTerminal, TIMEOUT);
            assertEquals(written, events.stream().map(e -> EventId.decode(e.id())).toList());
            assertEquals(List.of("response.started", "text.delta", "text.delta", "text.delta", "response.completed"),
                    events.stream().map(SseEvent::event).toList());
            assertEquals(conversation, events.get(1).json().get("conversation_id").asText());
            assertEquals(" tok0", events.get(1).json().get("text").asText());
        }
    }

    @Test
    void streamHasNoCacheNoBufferingHeadersAndARetryHint() {
        try (SseClient client = open(newConversation(), null)) {
            assertTrue(client.header("Content-Type").startsWith("text/event-stream"), client.header("Content-Type"));
            assertEquals("no-cache", client.header("Cache-Control"));
            assertEquals("no", client.header("X-Accel-Buffering"));
            client.next(Duration.ofMillis(300));
            assertEquals(2000L, client.retryMillis());
        }
    }

    @Test
    void idleStreamReceivesHeartbeatComments() {
        try (SseClient client = open(newConversation(), null)) {
            await("a keep-alive comment within 5 s (test heartbeat is 1 s)").atMost(Duration.ofSeconds(5))
                    .until(() -> client.comments() > 0);
        }
    }

    @Test
    void valueWithLineBreaksBecomesSeveralDataLines() {
        String conversation = newConversation();
        try (SseClient client = open(conversation, null); TestChunks writer = writer()) {
            String multiLine = "{\"type\":\"text.delta\",\"conversation_id\":\"" + conversation + "\",\n"
                    + "\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\",\"text\":\"x\"}";
            writer.writeRaw(conversation, multiLine.getBytes());
            SseEvent event = client.next(TIMEOUT);
            assertNotNull(event);
            assertEquals("text.delta", event.event());
            assertEquals(multiLine, event.data());
        }
    }

    @Test
    void malformedEventIdIsRefusedWithJson400() {
        given().header("Last-Event-ID", "not-an-id")
                .when().get("/v1/conversations/c1/stream")
                .then().statusCode(400)
                .contentType("application/json")
                .body("error.code", equalTo("invalid_event_id"));
    }

    @Test
    void tamperedEventIdIsRefused() {
        String tampered = new EventId(0, 10).encode().replace(".10.", ".11.");
        given().queryParam("from", tampered)
                .when().get("/v1/conversations/c1/stream")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_event_id"));
    }

    @Test
    void eventIdOfAnotherPartitionIsRefusedAsForeign() {
        String conversation = newConversation();
        int partition = tokenstream.relay.tail.ConversationPartitioner.partitionOf(conversation,
                tokenstream.kafkalocal.TopicPlan.CHUNK_PARTITIONS);
        EventId other = new EventId((partition + 1) % tokenstream.kafkalocal.TopicPlan.CHUNK_PARTITIONS, 0);
        given().header("Last-Event-ID", other.encode())
                .when().get("/v1/conversations/" + conversation + "/stream")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_event_id"))
                .body("error.message", org.hamcrest.Matchers.containsString(conversation));
    }

    @Test
    void invalidConversationIdIsRefused() {
        given().when().get("/v1/conversations/bad%20id/stream")
                .then().statusCode(400)
                .body("error.code", equalTo("invalid_conversation_id"));
    }
}
