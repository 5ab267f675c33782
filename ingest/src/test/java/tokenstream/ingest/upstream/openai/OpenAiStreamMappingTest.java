package tokenstream.ingest.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationOptions;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.UpstreamStream;
import tokenstream.protocol.ProtocolJson;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client against a fake server over real HTTP: what it sends, and what it makes of what it receives. */
class OpenAiStreamMappingTest {
    private static FakeOpenAiServer server;
    private static OpenAiUpstream upstream;

    @BeforeAll
    static void startServer() {
        server = new FakeOpenAiServer();
        upstream = new OpenAiUpstream(config(server.baseUrl()), "simulator");
    }

    @AfterAll
    static void stopServer() throws Exception {
        upstream.stop();
        server.close();
    }

    static OpenAiConfig config(String baseUrl) {
        return new OpenAiConfig() {
            public String baseUrl() { return baseUrl; }
            public Optional<String> apiKey() { return Optional.of("sk-test-123"); }
            public Optional<String> model() { return Optional.of("gpt-4o-mini"); }
            public Duration connectTimeout() { return Duration.ofSeconds(2); }
        };
    }

    static GenerationRequest request(String optionsJson) throws Exception {
        ObjectNode options = (ObjectNode) ProtocolJson.mapper().readTree(optionsJson);
        return new GenerationRequest("simulator", List.of(new ChatMessage("system", "be brief"), new ChatMessage("user", "weather?")),
                new GenerationOptions(null, null, null, options), JsonNodeFactory.instance.objectNode());
    }

    private static String run(FakeOpenAiServer.Script script, RecordingListener listener) throws Exception {
        server.forgetConnections();
        server.play(script);
        upstream.open(request("{}"), listener);
        return listener.ended.get(10, TimeUnit.SECONDS);
    }

    @Test
    void mapsARecordedStreamWithTextTwoParallelToolCallsAndUsageExactly() throws Exception {
        RecordingListener listener = new RecordingListener();

        run(FakeOpenAiServer.Script.replay(RecordedStreams.TEXT_AND_TWO_PARALLEL_TOOL_CALLS), listener);

        assertEquals(List.of(
                "text Let me",
                "text  check both cities.",
                "fragment 0 call_Zr1 get_weather ",
                "fragment 0 null null {\"ci",
                "fragment 0 null null ty\": \"Zür",
                "fragment 0 null null ich\"}",
                "fragment 1 call_Pa2 get_weather ",
                "fragment 1 null null {\"city\": ",
                "fragment 1 null null \"Paris\", \"days\": 2}",
                "completed tool_calls Usage[promptTokens=84, completionTokens=51, totalTokens=135]"), listener.calls);
    }

    @Test
    void sendsAStreamingChatCompletionRequestWithUsageTheKeyAndTheOptionsItKnows() throws Exception {
        server.forgetConnections();
        server.play(FakeOpenAiServer.Script.replay(List.of("data: [DONE]")));
        RecordingListener listener = new RecordingListener();

        upstream.open(request("{\"max_tokens\":20,\"temperature\":0.2,\"tokens_per_second\":5,\"simulate\":{},"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"schema\":{\"type\":\"object\"}}}"), listener);
        var connection = server.nextConnection();
        listener.ended.get(10, TimeUnit.SECONDS);

        String head = connection.requestHead.get(5, TimeUnit.SECONDS);
        assertTrue(head.startsWith("POST /v1/chat/completions HTTP/1.1"), head);
        assertTrue(head.contains("Authorization: Bearer sk-test-123"), head);
        JsonNode body = ProtocolJson.mapper().readTree(connection.requestBody.get(5, TimeUnit.SECONDS));
        assertEquals(ProtocolJson.mapper().readTree("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"weather?\"}],\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"max_tokens\":20,\"temperature\":0.2,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"response\",\"schema\":{\"type\":\"object\"}}}}"), body);
    }

    @Test
    void anHttpErrorStatusIsAnUpstreamErrorNamingTheStatusAndTheServersMessage() throws Exception {
        RecordingListener listener = new RecordingListener();

        String end = run(FakeOpenAiServer.Script.httpError(429, "{\"error\":{\"message\":\"Rate limit reached\"}}"), listener);

        assertTrue(end.startsWith("failed upstream_error the upstream answered HTTP 429"), end);
        assertTrue(end.contains("Rate limit reached"), end);
    }

    @Test
    void aConnectionResetAfterTheHeadersIsAnUpstreamErrorAfterTheTextBeforeIt() throws Exception {
        RecordingListener listener = new RecordingListener();

        String end = run(FakeOpenAiServer.Script.resetAfter(List.of(RecordedStreams.text("Hello"))), listener);

        assertEquals("text Hello", listener.calls.get(0));
        assertTrue(end.startsWith("failed upstream_error "), end);
        assertEquals(2, listener.calls.size());
    }

    @Test
    void aStreamThatEndsWithoutFinishingIsAnUpstreamError() throws Exception {
        RecordingListener listener = new RecordingListener();

        String end = run(FakeOpenAiServer.Script.replay(List.of(RecordedStreams.text("Hel"))), listener);

        assertEquals("failed upstream_error the upstream closed the stream before the response was finished", end);
    }

    @Test
    void cancelClosesTheConnectionAndTheListenerHearsNothingMore() throws Exception {
        server.forgetConnections();
        server.play(FakeOpenAiServer.Script.thenKeepStreaming(List.of(), RecordedStreams.text("tick"), 5));
        RecordingListener listener = new RecordingListener();
        UpstreamStream stream = upstream.open(request("{}"), listener);
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
