package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.localstack.LocalStack;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack as {@code bin/tokenstream-local} runs it: security on with a generated development secret. The demo
 * page's path (start through the relay, read the token from the 202, stream with it) and its limits.
 */
class SecuredPipelineTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> TOKENS_SEEN = new ArrayList<>();
    private static LocalStack stack;

    @BeforeAll
    static void startSecuredStack() {
        stack = SecuredPipeline.stack();
    }

    @Test
    void theDemoPagesStartGetsATokenThatStreamsItsConversationAndNoOther() {
        String cid = "demo-" + UUID.randomUUID();
        JsonNode started = startThroughRelay(cid);
        String token = started.get("access_token").asText();
        TOKENS_SEEN.add(token);

        try (SseClient stream = SseClient.open(URI.create(stack.relayUrl() + "/v1/conversations/" + cid
                + "/stream?from=" + started.get("position").asText() + "&access_token=" + token))) {
            assertEquals(200, stream.status());
            // The first event only: a demo answer lasts longer than this stack's client tokens (SecuredPipeline).
            List<SseEvent> events = stream.until(e -> e.event().equals("response.started")
                    || e.event().startsWith("stream."), TIMEOUT);
            assertEquals("response.started", events.get(0).event());
        }
        String other = "demo-" + UUID.randomUUID();
        assertEquals(403, Pipeline.get(stack.relayUrl() + "/v1/conversations/" + other + "/stream?access_token=" + token)
                .status());
        assertEquals(401, Pipeline.get(stack.relayUrl() + "/v1/conversations/" + cid + "/stream").status());
    }

    @Test
    void anAnonymousStartOfANonDemoConversationIs401() {
        var answer = Pipeline.post(stack.relayUrl() + "/v1/conversations/user-42/responses", "application/json",
                "{\"prompt\":\"hi\"}");

        assertEquals(401, answer.status());
        assertEquals("unauthorized", answer.body().path("error").path("code").asText());
    }

    @Test
    void aStreamEndsAtTokenExpiryAndResumesWithAFreshTokenWithoutLoss() {
        String cid = "demo-" + UUID.randomUUID();
        JsonNode started = startThroughRelay(cid, "{\"prompt\":\"a long answer\",\"options\":{\"seed\":3,"
                + "\"max_tokens\":100,\"tokens_per_second\":10}}");
        String token = started.get("access_token").asText();
        TOKENS_SEEN.add(token);
        List<SseEvent> seen = new ArrayList<>();

        try (SseClient first = SseClient.open(URI.create(stack.relayUrl() + "/v1/conversations/" + cid
                + "/stream?from=" + started.get("position").asText() + "&access_token=" + token))) {
            List<SseEvent> events = first.until(e -> e.event().startsWith("stream."), TIMEOUT);
            SseEvent end = events.remove(events.size() - 1);
            assertEquals("stream.reconnect", end.event());
            assertEquals("token_expired", end.json().get("code").asText());
            seen.addAll(events);
        }
        // What the application backend does when its client's token expires: sign a fresh one.
        String fresh = SecuredPipeline.token("read cancel", cid, Duration.ofMinutes(5));
        TOKENS_SEEN.add(fresh);
        try (SseClient resumed = SseClient.open(URI.create(stack.relayUrl() + "/v1/conversations/" + cid
                        + "/stream?access_token=" + fresh), Map.of("Last-Event-ID", seen.get(seen.size() - 1).id()))) {
            seen.addAll(resumed.until(e -> e.event().equals("response.completed"), TIMEOUT));
        }

        List<Long> seqs = seen.stream().map(e -> e.json().get("seq").asLong()).toList();
        assertEquals(Stream.iterate(0L, s -> s + 1).limit(seqs.size()).toList(), seqs, "every seq once, in order");
        assertTrue(seqs.size() > 10, "the stream was cut in the middle of the response");
    }

    @Test
    void theIssuedTokenCancelsItsResponseThroughTheRelay() {
        String cid = "demo-" + UUID.randomUUID();
        JsonNode started = startThroughRelay(cid, "{\"prompt\":\"slow\",\"options\":{\"max_tokens\":500,"
                + "\"tokens_per_second\":5}}");
        String token = started.get("access_token").asText();
        TOKENS_SEEN.add(token);
        String cancel = "/v1/conversations/" + cid + "/responses/" + started.get("response_id").asText() + "/cancel";

        var anonymous = RawHttp.send(stack.relayUrl(), "POST", cancel, Map.of("Content-Type", "application/json"),
                "{}".getBytes());
        var owner = RawHttp.send(stack.relayUrl(), "POST", cancel, Map.of("Content-Type", "application/json",
                "Authorization", "Bearer " + token), "{}".getBytes());

        assertEquals(401, anonymous.status());
        assertTrue(owner.status() == 200 || owner.status() == 202, owner.status() + " " + owner.body());
    }

    @Test
    void aProducerKeyStartsANonDemoConversationThroughTheRelay() {
        String cid = "user-" + UUID.randomUUID();

        var answer = RawHttp.send(stack.relayUrl(), "POST", "/v1/conversations/" + cid + "/responses",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + SecuredPipeline.GATEWAY_KEY),
                "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":2}}".getBytes());

        assertEquals(202, answer.status(), answer.body());
    }

    @Test
    void noServiceLogHoldsAToken() throws Exception {
        theDemoPagesStartGetsATokenThatStreamsItsConversationAndNoOther();
        String secret = Files.readString(stack.securitySecretFile()).strip();

        try (Stream<Path> logs = Files.list(stack.logDir())) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log);
                assertFalse(text.contains(secret), "the secret is in " + log);
                assertFalse(text.contains(SecuredPipeline.GATEWAY_KEY), "the producer key is in " + log);
                for (String token : TOKENS_SEEN) {
                    assertFalse(text.contains(token.substring(token.lastIndexOf('.') + 1)), "a token is in " + log);
                }
            }
        }
    }

    private static JsonNode startThroughRelay(String cid) {
        return startThroughRelay(cid, "{\"prompt\":\"hello\",\"options\":{\"seed\":1,\"max_tokens\":5,"
                + "\"tokens_per_second\":50}}");
    }

    private static JsonNode startThroughRelay(String cid, String body) {
        var answer = Pipeline.post(stack.relayUrl() + "/v1/conversations/" + cid + "/responses", "application/json", body);
        assertEquals(202, answer.status(), answer.raw().body());
        assertNotNull(answer.body().get("access_token"), answer.raw().body());
        return answer.body();
    }
}
