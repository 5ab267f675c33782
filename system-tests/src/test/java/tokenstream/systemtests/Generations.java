package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.simulator.SimulatedScript;
import tokenstream.testkit.SseEvent;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Starting simulated generations through ingest, and what they must produce. */
final class Generations {
    private Generations() {
    }

    /** A started generation as ingest's 202 described it. */
    record Started(String conversationId, String responseId, String position, String streamUrl,
                   String prompt, long seed, int maxTokens) {
        String expectedText() {
            return SimulatedScript.text(prompt, seed, maxTokens);
        }
    }

    static Started start(String conversationId, String prompt, long seed, int maxTokens, int tokensPerSecond) {
        String body = String.format("{\"prompt\":%s,\"options\":{\"seed\":%d,\"max_tokens\":%d,\"tokens_per_second\":%d}}",
                quote(prompt), seed, maxTokens, tokensPerSecond);
        Pipeline.Answer answer = Pipeline.post(Pipeline.stack().ingestUrl() + "/v1/conversations/" + conversationId + "/responses",
                "application/json", body);
        assertEquals(202, answer.status(), () -> "start answered " + answer.raw().body());
        JsonNode json = answer.body();
        return new Started(conversationId, json.get("response_id").asText(), json.get("position").asText(),
                json.get("stream_url").asText(), prompt, seed, maxTokens);
    }

    static String text(List<SseEvent> events) {
        return events.stream().filter(e -> e.event().equals("text.delta"))
                .map(e -> e.json().get("text").asText()).collect(Collectors.joining());
    }

    static List<Long> seqs(List<SseEvent> events) {
        return events.stream().map(e -> e.json().get("seq").asLong()).toList();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
