package tokenstream.ingest.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.protocol.EventHeaders;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.newConversation;

/** With the default configuration tracing is off: a caller's trace reaches no record and no span is recorded. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TracingOffByDefaultTest {
    @Inject
    InMemorySpanExporter spans;

    @Test
    void aStartWithATraceparentWritesRecordsWithoutTraceHeadersAndNoSpans() {
        String conversation = newConversation("untraced");
        var answer = given().contentType(ContentType.JSON)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .body("{\"prompt\":\"x\",\"options\":{\"max_tokens\":3,\"tokens_per_second\":200}}")
                .post("/v1/conversations/{cid}/responses", conversation).then().extract();
        assertEquals(202, answer.statusCode(), answer.asString());

        List<ChunksTopic.ChunkRecord> records = ChunksTopic.conversationUntil(conversation,
                ChunksTopic.terminalOf(answer.path("response_id")));

        assertTrue(records.stream().noneMatch(r -> r.headers().containsKey(EventHeaders.TRACEPARENT)));
        assertEquals(Set.of(EventHeaders.EVENT_TYPE, EventHeaders.RESPONSE_ID, EventHeaders.SEQ),
                records.get(0).headers().keySet());
        assertTrue(spans.getFinishedSpanItems().isEmpty(), spans.getFinishedSpanItems().toString());
    }
}
