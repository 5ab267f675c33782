package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.systemtests.Generations.seqs;
import static tokenstream.systemtests.Generations.text;
import static tokenstream.systemtests.Pipeline.TIMEOUT;

/** A gateway pushing its own events: duplicates ignored, a bad line refused, nothing accepted lost. */
class GatewayPushTest {

    @Test
    void pushedResponseWithARepeatedBatchAndABadLineReachesClientsAndAuditWhole() {
        String conversation = "push-" + UUID.randomUUID();
        String response = "resp-" + UUID.randomUUID();
        String url = Pipeline.stack().ingestUrl() + "/v1/conversations/" + conversation + "/responses/" + response + "/chunks";
        String firstBatch = """
                {"type":"response.started","seq":0,"model":"gateway-model"}
                {"type":"text.delta","seq":1,"text":"Hello"}
                {"type":"text.delta","seq":2,"text":", "}
                """;
        assertEquals(200, Pipeline.post(url, "application/x-ndjson", firstBatch).status());

        Pipeline.Answer repeated = Pipeline.post(url, "application/x-ndjson", firstBatch);
        assertEquals(200, repeated.status(), repeated.raw().body());
        assertEquals(3, repeated.body().get("duplicates").asInt());

        Pipeline.Answer bad = Pipeline.post(url, "application/x-ndjson", """
                {"type":"text.delta","seq":3,"text":"world"}
                {"type":"text.delta","seq":4,
                """);
        assertEquals(400, bad.status(), bad.raw().body());
        JsonNode error = bad.body().get("error");
        assertEquals("malformed_line", error.get("code").asText());
        assertEquals(2, error.get("line").asInt());

        assertEquals(200, Pipeline.post(url, "application/x-ndjson", """
                {"type":"text.delta","seq":4,"text":"!"}
                {"type":"response.completed","seq":5,"finish_reason":"stop"}
                """).status());

        try (SseClient client = SseClient.open(URI.create(Pipeline.stack().relayUrl() + "/v1/conversations/"
                + conversation + "/stream?from=start"))) {
            List<SseEvent> events = client.until(SseEvent::isTerminal, TIMEOUT);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), seqs(events));
            assertEquals("Hello, world!", text(events));
        }
        JsonNode audited = Pipeline.auditedResponse(response, r -> "completed".equals(r.path("status").asText()));
        assertEquals("Hello, world!", audited.get("text").asText());
        assertEquals(0, audited.get("integrity").get("duplicates").asInt(), "ingest dropped the repeats before Kafka");
    }
}
