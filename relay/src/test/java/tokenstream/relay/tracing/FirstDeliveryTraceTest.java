package tokenstream.relay.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkRecordParts;
import tokenstream.protocol.TraceContext;
import tokenstream.protocol.Usage;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;
import tokenstream.testkit.TestChunks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.writer;

/**
 * The relay's part of one trace across the pipeline: a response whose records carry a {@code traceparent} makes one
 * span per client stream, in that trace and under the span the records name, when its first event is written to
 * the client; its tokens make none.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class FirstDeliveryTraceTest {
    @Inject
    InMemorySpanExporter spans;

    @Test
    void eachStreamGetsOneFirstDeliverySpanPerResponseInTheRecordsTrace() {
        String conversation = newConversation();
        TraceContext trace = TraceContext.of("00-" + hex(32) + "-" + hex(16) + "-01", null);
        try (SseClient first = open(conversation, null); SseClient second = open(conversation, null);
             TestChunks writer = writer()) {
            writeResponse(writer, conversation, "r1", 20, trace);

            first.until(SseEvent::isTerminal, TIMEOUT);
            second.until(SseEvent::isTerminal, TIMEOUT);

            List<SpanData> deliveries = await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> inTrace(trace.traceId()), found -> found.size() >= 2);
            assertEquals(2, deliveries.size(), "one per stream, none per token: " + deliveries);
            for (SpanData delivery : deliveries) {
                assertEquals("first delivery", delivery.getName());
                assertEquals(SpanKind.CONSUMER, delivery.getKind());
                assertEquals(trace.parentSpanId(), delivery.getParentSpanId());
                assertEquals("r1", delivery.getAttributes().get(
                        AttributeKey.stringKey("tokenstream.response_id")));
                assertEquals("response.started", delivery.getAttributes().get(
                        AttributeKey.stringKey("tokenstream.event_type")));
            }
        }
    }

    @Test
    void aRecordWithAForgedTraceparentMakesNoSpan() {
        String conversation = newConversation();
        String forged = "00-" + "z".repeat(32) + "-" + hex(16) + "-01";
        try (SseClient client = open(conversation, null); TestChunks writer = writer()) {
            ChunkEvent started = new ChunkEvent.ResponseStarted(conversation, "forged", 0, Instant.now(), "m", null);
            ChunkRecordParts parts = ChunkRecordParts.of(started);
            Map<String, byte[]> headers = new LinkedHashMap<>(parts.encodedHeaders());
            headers.put("traceparent", forged.getBytes(StandardCharsets.UTF_8));
            writer.writeRaw(parts.key(), parts.value(), headers);
            String marker = "00-" + hex(32) + "-" + hex(16) + "-01";
            writeResponse(writer, conversation, "after", 1, TraceContext.of(marker, null));

            client.until(SseEvent::isTerminal, TIMEOUT);

            String markerTrace = TraceContext.of(marker, null).traceId();
            await().atMost(TIMEOUT).until(() -> inTrace(markerTrace).size() == 1);
            assertTrue(spans.getFinishedSpanItems().stream().noneMatch(s -> conversation.equals(s.getAttributes()
                    .get(AttributeKey.stringKey("tokenstream.conversation_id")))
                    && "forged".equals(s.getAttributes().get(
                    AttributeKey.stringKey("tokenstream.response_id")))));
        }
    }

    private List<SpanData> inTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static void writeResponse(TestChunks writer, String conversation, String responseId, int tokens,
                                      TraceContext trace) {
        List<ChunkEvent> events = new ArrayList<>();
        events.add(new ChunkEvent.ResponseStarted(conversation, responseId, 0, Instant.now(), "m", null));
        for (int i = 1; i <= tokens; i++) {
            events.add(new ChunkEvent.TextDelta(conversation, responseId, i, Instant.now(), "t" + i));
        }
        events.add(new ChunkEvent.ResponseCompleted(conversation, responseId, tokens + 1, Instant.now(), "stop",
                Usage.of(1, tokens)));
        for (ChunkEvent event : events) {
            ChunkRecordParts parts = ChunkRecordParts.of(event, trace);
            writer.writeRaw(parts.key(), parts.value(), parts.encodedHeaders());
        }
    }

    private static String hex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }
}
