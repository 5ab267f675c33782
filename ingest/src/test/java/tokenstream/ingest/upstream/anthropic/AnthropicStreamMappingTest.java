package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationOptions;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.ingest.upstream.openai.FakeOpenAiServer;
import tokenstream.ingest.upstream.openai.RecordingListener;
import tokenstream.protocol.ProtocolJson;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Anthropic client against a fake server over real HTTP: what it sends, and what it makes of HTTP answers. */
class AnthropicStreamMappingTest {
    static final String API_KEY = "sk-ant-test-123";

    private static FakeOpenAiServer server;
    private static AnthropicUpstream upstream;

    @BeforeAll
    static void startServer() {
        server = new FakeOpenAiServer();
        upstream = new AnthropicUpstream(config(server.baseUrl()), "simulator");
    }

    @AfterAll
    static void stopServer() throws Exception {
        upstream.stop();
        server.close();
    }

    static AnthropicConfig config(String baseUrl) {
        return new AnthropicConfig() {
            public String baseUrl() { return baseUrl; }
            public Optional<String> apiKey() { return Optional.of(API_KEY); }
            public String version() { return "2023-06-01"; }
            public Optional<String> model() { return Optional.of("claude-sonnet-4-5"); }
            public int defaultMaxTokens() { return 1024; }
            public Duration connectTimeout() { return Duration.ofSeconds(2); }
        };
    }

    private static UpstreamStream open(FakeOpenAiServer.Script script, RecordingListener listener) {
        server.forgetConnections();
        server.play(script);
        return upstream.open(new GenerationRequest("simulator", List.of(new ChatMessage("user", "weather?")),
                new GenerationOptions(null, null, null, JsonNodeFactory.instance.objectNode()),
                JsonNodeFactory.instance.objectNode()), listener);
    }

    @Test
    void postsAStreamingMessagesRequestWithTheKeyAndVersionHeaders() throws Exception {
        RecordingListener listener = new RecordingListener();
        open(FakeOpenAiServer.Script.replay(RecordedMessages.TEXT), listener);
        var connection = server.nextConnection();

        String head = connection.requestHead.get(5, TimeUnit.SECONDS).toLowerCase();
        assertTrue(head.startsWith("post /v1/messages http/1.1"), head);
        assertTrue(head.contains("\r\nx-api-key: " + API_KEY + "\r\n"), head);
        assertTrue(head.contains("\r\nanthropic-version: 2023-06-01\r\n"), head);
        assertFalse(head.contains("authorization"), head);
        assertEquals(ProtocolJson.mapper().readTree("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"}],\"stream\":true}"),
                ProtocolJson.mapper().readTree(connection.requestBody.get(5, TimeUnit.SECONDS)));
        assertTrue(listener.ended.get(10, TimeUnit.SECONDS).startsWith("completed stop"));
    }

    @Test
    void http529BeforeTheStreamFailsWithUpstreamOverloaded() throws Exception {
        RecordingListener listener = new RecordingListener();

        open(FakeOpenAiServer.Script.httpError(529, RecordedMessages.errorBody("overloaded_error", "Overloaded")), listener);

        assertEquals("failed upstream_overloaded the upstream answered HTTP 529: overloaded_error: Overloaded",
                listener.ended.get(10, TimeUnit.SECONDS));
    }

    @Test
    void http401BeforeTheStreamFailsWithUpstreamUnauthorizedWithoutTheKey() throws Exception {
        RecordingListener listener = new RecordingListener();

        open(FakeOpenAiServer.Script.httpError(401, RecordedMessages.errorBody("authentication_error", "invalid x-api-key")),
                listener);

        String failed = listener.ended.get(10, TimeUnit.SECONDS);
        assertEquals("failed upstream_unauthorized the upstream answered HTTP 401: authentication_error: invalid x-api-key", failed);
        assertFalse(failed.contains(API_KEY));
    }

    @Test
    void anHttpErrorWithoutAnErrorBodyIsNamedByItsStatus() throws Exception {
        RecordingListener listener = new RecordingListener();

        open(FakeOpenAiServer.Script.httpError(429, "slow down"), listener);

        assertEquals("failed upstream_rate_limited the upstream answered HTTP 429: slow down", listener.ended.get(10, TimeUnit.SECONDS));
    }

    @Test
    void cancelClosesTheConnectionAtOnceAndNothingIsHeardAfter() throws Exception {
        RecordingListener listener = new RecordingListener();
        UpstreamStream stream = open(FakeOpenAiServer.Script.thenKeepStreaming(RecordedMessages.OPENING,
                RecordedMessages.textEvent("tick"), 10), listener);
        var connection = server.nextConnection();
        listener.firstText.get(5, TimeUnit.SECONDS);

        long cancelledAt = System.nanoTime();
        stream.cancel();

        long closedAt = connection.closedByClientAt.get(5, TimeUnit.SECONDS);
        assertTrue(closedAt - cancelledAt < TimeUnit.SECONDS.toNanos(1), "closed after " + (closedAt - cancelledAt) / 1e6 + " ms");
        int heard = listener.calls.size();
        await("no call after the cancel").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                .until(() -> listener.calls.size() == heard);
        assertTrue(listener.calls.stream().allMatch(c -> c.equals("text tick")), listener.calls.toString());
    }
}
