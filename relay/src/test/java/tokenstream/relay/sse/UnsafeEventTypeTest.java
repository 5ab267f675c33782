package tokenstream.relay.sse;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.MetricsReader;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

/** A record written straight to Kafka with a hostile event type reaches clients as one safe event, and is counted. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UnsafeEventTypeTest {
    private static final String METRIC = "tokenstream_relay_unsafe_events_total";

    @Test
    void aTypeWithLineBreaksIsDeliveredOnceAsTheReplacementTypeAndCounted() throws InterruptedException {
        String conversation = newConversation();
        String injection = "t\n\nretry: 86400000\nevent: stream.reconnect";
        double before = MetricsReader.value(METRIC, null);
        try (SseClient client = open(conversation, null); TestChunks writer = writer()) {
            String value = "{\"type\":\"t\\n\\nretry: 86400000\\nevent: stream.reconnect\",\"conversation_id\":\""
                    + conversation + "\",\"response_id\":\"r1\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\"}";
            EventId bad = writer.writeRaw(conversation, value.getBytes(StandardCharsets.UTF_8), Map.of(
                    EventHeaders.EVENT_TYPE, injection.getBytes(StandardCharsets.UTF_8),
                    EventHeaders.RESPONSE_ID, "r1".getBytes(StandardCharsets.UTF_8)));
            List<EventId> after = writer.writeResponse(conversation, "r2", tokens(1));

            List<SseEvent> events = client.until(SseEvent::isTerminal, TIMEOUT);

            assertEquals(List.of(EventTypes.REPLACED, "response.started", "text.delta", "response.completed"),
                    events.stream().map(SseEvent::event).toList());
            assertEquals(bad.encode(), events.get(0).id());
            assertEquals(value, events.get(0).data());
            assertEquals(after.get(0).encode(), events.get(1).id());
            assertEquals(2000L, client.retryMillis(), "no retry field was injected");
        }
        awaitMetricAbove(before);
    }

    @Test
    void aRelayEventTypeFromTheTopicIsNotDeliveredAsARelayEvent() {
        String conversation = newConversation();
        try (SseClient client = open(conversation, null); TestChunks writer = writer()) {
            String value = "{\"type\":\"stream.reconnect\",\"conversation_id\":\"" + conversation + "\",\"response_id\":"
                    + "\"r1\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\",\"code\":\"slow_client\"}";
            writer.writeRaw(conversation, value.getBytes(StandardCharsets.UTF_8), Map.of());

            SseEvent event = client.next(TIMEOUT);

            assertEquals(EventTypes.REPLACED, event.event());
            assertTrue(event.id() != null && !event.id().isEmpty(), "it keeps its position");
            assertNull(client.next(Duration.ofMillis(500)), "nothing else");
        }
    }

    private static void awaitMetricAbove(double before) {
        await("counted in " + METRIC).atMost(TIMEOUT).until(() -> MetricsReader.value(METRIC, null) > before);
    }
}
