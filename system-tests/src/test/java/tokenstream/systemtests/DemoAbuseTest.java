package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.ServiceProcess;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anonymous callers of the demo (security on, as bin/tokenstream-local runs it) cannot exhaust the pipeline: starts
 * are limited per address, every demo answer has the demo's fixed length and pace, and only so many run at once.
 */
class DemoAbuseTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern OPEN_DEMO_GENERATIONS =
            Pattern.compile("(?m)^tokenstream_ingest_demo_generations_open(?:\\{[^}]*})? ([0-9.]+)");
    private static LocalStack stack;
    private final List<JsonNode> started = new ArrayList<>();

    @BeforeAll
    static void startSecuredStack() {
        stack = SecuredPipeline.stack();
    }

    @AfterEach
    void cancelWhatTheTestStarted() {
        // Demo answers run 10 s here; the next test (of any class) should not find the demo slots taken.
        for (JsonNode response : started) {
            RawHttp.send(stack.relayUrl(), "POST", "/v1/conversations/" + response.get("conversation_id").asText()
                            + "/responses/" + response.get("response_id").asText() + "/cancel",
                    Map.of("Authorization", "Bearer " + response.get("access_token").asText(),
                            "Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void thirtyAnonymousDemoStartsFromOneAddressInAMinuteAre429AfterTheTenth() {
        // 10 a window, as by default; a window of 10 minutes instead of 1, so that no start comes back while a slow
        // machine makes the 30 (one comes back every minute instead of every 6 s).
        ServiceProcess relay = stack.startRelay(0, Map.of("tokenstream.relay.demo.starts-per-address", "10",
                "tokenstream.relay.demo.starts-window", "10m"));
        List<Integer> statuses = new ArrayList<>();
        Pipeline.Answer firstRefusal = null;
        for (int i = 0; i < 30; i++) {
            Pipeline.Answer answer = start(relay.url(), "{\"prompt\":\"hi\"}");
            statuses.add(answer.status());
            if (answer.status() == 429 && firstRefusal == null) {
                firstRefusal = answer;
            }
        }

        assertEquals(List.of(202, 202, 202, 202, 202, 202, 202, 202, 202, 202), statuses.subList(0, 10), statuses.toString());
        assertTrue(statuses.subList(10, 30).stream().allMatch(s -> s == 429), statuses.toString());
        assertEquals("too_many_starts", firstRefusal.body().path("error").path("code").asText());
        assertTrue(firstRefusal.raw().headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void aDemoStartAskingForAnEndlessAnswerGetsTheDemosLengthAndPace() {
        Pipeline.Answer answer = start(stack.relayUrl(), "{\"prompt\":\"never stop\",\"model\":\"gpt-4-32k\","
                + "\"options\":{\"max_tokens\":4096,\"tokens_per_second\":0.001}}");
        assertEquals(202, answer.status(), answer.raw().body());
        JsonNode response = answer.body();

        List<SseEvent> events;
        try (SseClient stream = SseClient.open(URI.create(stack.relayUrl() + "/v1/conversations/"
                + response.get("conversation_id").asText() + "/stream?from=" + response.get("position").asText()
                // A backend's token: the issued one (6 s in this stack) would expire before the 10 s answer ends.
                + "&access_token=" + SecuredPipeline.token("read", response.get("conversation_id").asText(),
                Duration.ofMinutes(5))))) {
            events = stream.until(e -> e.event().equals("response.completed") || e.event().startsWith("stream."), TIMEOUT);
        }

        JsonNode startedEvent = events.get(0).json();
        assertEquals("response.started", events.get(0).event());
        assertEquals("simulator", startedEvent.get("model").asText());
        JsonNode options = startedEvent.get("metadata").get("options");
        assertEquals(SecuredPipeline.DEMO_MAX_TOKENS, options.get("max_tokens").asInt(), options.toString());
        assertEquals(SecuredPipeline.DEMO_TOKENS_PER_SECOND, options.get("tokens_per_second").asDouble(), options.toString());
        SseEvent last = events.get(events.size() - 1);
        assertEquals("response.completed", last.event(), "the answer ends at the demo's pace, not at 0.001 token/s");
        long tokens = events.stream().filter(e -> e.event().equals("text.delta")).count();
        assertTrue(tokens > 0 && tokens <= SecuredPipeline.DEMO_MAX_TOKENS, tokens + " tokens");
    }

    @Test
    void aDemoStartAboveTheOpenDemoGenerationsIs429() {
        awaitNoOpenDemoGenerations();
        for (int i = 0; i < 20; i++) {
            Pipeline.Answer answer = start(stack.relayUrl(), "{\"prompt\":\"hi\"}");
            assertEquals(202, answer.status(), "start " + (i + 1) + ": " + answer.raw().body());
        }

        Pipeline.Answer refused = start(stack.relayUrl(), "{\"prompt\":\"hi\"}");

        assertEquals(429, refused.status(), refused.raw().body());
        assertEquals("too_many_demo_generations", refused.body().path("error").path("code").asText());
        assertFalse(refused.raw().headers().firstValue("Retry-After").isEmpty());
    }

    private Pipeline.Answer start(String relayUrl, String body) {
        String cid = "demo-" + UUID.randomUUID();
        Pipeline.Answer answer = Pipeline.post(relayUrl + "/v1/conversations/" + cid + "/responses", "application/json", body);
        if (answer.status() == 202) {
            started.add(answer.body());
        }
        return answer;
    }

    /** Demo answers of earlier tests may still run (10 s each): the cap is only exact from zero. */
    private static void awaitNoOpenDemoGenerations() {
        await("no open demo generation").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> Pipeline.get(stack.ingestUrl() + "/q/metrics").raw().body(), metrics -> {
                    Matcher open = OPEN_DEMO_GENERATIONS.matcher(metrics);
                    return open.find() && Double.parseDouble(open.group(1)) == 0;
                });
    }
}
