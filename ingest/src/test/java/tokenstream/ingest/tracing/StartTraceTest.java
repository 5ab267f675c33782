package tokenstream.ingest.tracing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.TraceContext;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;

/**
 * Ingest's part of one trace across the pipeline: the start request's span, its upstream call and its chunks-topic
 * writes are in the caller's trace, and every record of the response names the writes' span in its
 * {@code traceparent}, which the relay's and the consumers' spans take as their parent.
 */
@QuarkusTest
@TestProfile(TracingOn.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StartTraceTest {
    @Inject
    InMemorySpanExporter spans;

    @Test
    void everyRecordOfAStartedResponseCarriesATraceparentOfTheStartRequestsTrace() {
        String traceId = randomHex(32);
        String conversation = newConversation("traced-start");
        String responseId = start(conversation, "00-" + traceId + "-" + randomHex(16) + "-01");

        List<ChunksTopic.ChunkRecord> records = ChunksTopic.conversationUntil(conversation,
                ChunksTopic.terminalOf(responseId));

        assertTrue(records.size() > 2, "started, tokens, end: " + records.size());
        for (ChunksTopic.ChunkRecord record : records) {
            TraceContext trace = TraceContext.of(record.headers().get(EventHeaders.TRACEPARENT), null);
            assertNotNull(trace, "seq " + record.event().seq() + " headers " + record.headers());
            assertEquals(traceId, trace.traceId());
        }
        String parent = TraceContext.of(records.get(0).headers().get(EventHeaders.TRACEPARENT), null).parentSpanId();
        SpanData writes = awaitSpan(traceId, "chunks publish");
        assertEquals(parent, writes.getSpanId(), "the records name the writes' span");
        assertEquals(SpanKind.PRODUCER, writes.getKind());
        assertEquals(records.size(), writes.getAttributes().get(TracedResponse.RECORDS).intValue());
        SpanData request = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER).findFirst(),
                        Optional::isPresent).orElseThrow();
        assertEquals(request.getSpanId(), writes.getParentSpanId());
    }

    @Test
    void theUpstreamCallIsAChildOfTheStartRequestWithItsTimeToFirstToken() {
        String traceId = randomHex(32);
        String conversation = newConversation("traced-upstream");
        String responseId = start(conversation, "00-" + traceId + "-" + randomHex(16) + "-01");
        ChunksTopic.conversationUntil(conversation, ChunksTopic.terminalOf(responseId));

        SpanData upstream = awaitSpan(traceId, "upstream simulator");

        assertEquals(SpanKind.CLIENT, upstream.getKind());
        Long firstToken = upstream.getAttributes().get(TracedResponse.TIME_TO_FIRST_TOKEN_MS);
        assertNotNull(firstToken, upstream.getAttributes().toString());
        assertTrue(firstToken >= 0, "ttft " + firstToken);
        assertEquals("response.completed", upstream.getAttributes().get(TracedResponse.TERMINAL_EVENT));
    }

    @Test
    void anInvalidIncomingTraceparentStartsANewTraceInsteadOfReachingTheRecords() {
        String conversation = newConversation("traced-garbage");
        String responseId = start(conversation, "00-zzzz-not-a-trace-01");

        List<ChunksTopic.ChunkRecord> records = ChunksTopic.conversationUntil(conversation,
                ChunksTopic.terminalOf(responseId));

        String traceparent = records.get(0).headers().get(EventHeaders.TRACEPARENT);
        assertTrue(TraceContext.isValidTraceparent(traceparent), traceparent);
        assertFalse(traceparent.contains("not-a-trace"));
    }

    @Test
    void everyRecordOfAPushCarriesATraceparentOfThePushRequestsTrace() {
        String traceId = randomHex(32);
        String conversation = newConversation("traced-push");
        String responseId = "resp-traced-push-" + randomHex(8);
        String lines = "{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway-model\"}\n"
                + "{\"type\":\"text.delta\",\"seq\":1,\"text\":\"hi\"}\n"
                + "{\"type\":\"response.completed\",\"seq\":2,\"finish_reason\":\"stop\"}\n";
        var answer = given().contentType("application/x-ndjson").header("traceparent",
                        "00-" + traceId + "-" + randomHex(16) + "-01").body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/v1/conversations/{cid}/responses/{rid}/chunks", conversation, responseId).then().extract();
        assertEquals(200, answer.statusCode(), answer.asString());

        List<ChunksTopic.ChunkRecord> records = ChunksTopic.conversationUntil(conversation,
                ChunksTopic.terminalOf(responseId));

        assertEquals(3, records.size());
        SpanData push = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> spans.getFinishedSpanItems().stream()
                        .filter(s -> s.getTraceId().equals(traceId) && s.getKind() == SpanKind.SERVER).findFirst(),
                        Optional::isPresent).orElseThrow();
        for (ChunksTopic.ChunkRecord record : records) {
            TraceContext trace = TraceContext.of(record.headers().get(EventHeaders.TRACEPARENT), null);
            assertNotNull(trace, record.headers().toString());
            assertEquals(traceId, trace.traceId());
            assertEquals(push.getSpanId(), trace.parentSpanId());
        }
    }

    private String start(String conversation, String traceparent) {
        var answer = given().contentType(ContentType.JSON).header("traceparent", traceparent)
                .body("{\"prompt\":\"trace me\",\"options\":{\"max_tokens\":5,\"tokens_per_second\":200}}")
                .post("/v1/conversations/{cid}/responses", conversation).then().extract();
        assertEquals(202, answer.statusCode(), answer.asString());
        return answer.path("response_id");
    }

    private SpanData awaitSpan(String traceId, String name) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> find(traceId, name),
                Optional::isPresent).orElseThrow();
    }

    private Optional<SpanData> find(String traceId, String name) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name)).findFirst();
    }

    private static String randomHex(int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }
}
