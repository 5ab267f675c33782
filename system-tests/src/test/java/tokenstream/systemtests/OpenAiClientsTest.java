package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChatCompletionsHttp;
import tokenstream.protocol.ProtocolJson;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay's OpenAI-compatible endpoint driven by clients nobody here wrote, installed from the registries: the
 * official openai SDKs for Node and Python stream a completion and get exactly the audited text; the eventsource
 * package resumes through a connection cut mid-stream with nothing lost or repeated.
 */
class OpenAiClientsTest {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

    private static JsonNode json(String text) throws Exception {
        return ProtocolJson.mapper().readTree(text);
    }

    private static JsonNode lastLine(ClientTools.Run run) throws Exception {
        assertEquals(0, run.exitCode(), () -> "the client failed: " + run.stderr() + run.stdout());
        String[] lines = run.stdout().strip().split("\n");
        return json(lines[lines.length - 1]);
    }

    private static String auditedText(String responseId) {
        return Pipeline.auditedResponse(responseId, Pipeline::completed).get("text").asText();
    }

    @Test
    void theOpenAiNodeSdkStreamsTheAuditedText() throws Exception {
        Path node = ClientTools.node();
        String relay = Pipeline.stack().relayUrl();

        JsonNode got = lastLine(ClientTools.run(node, Map.of("BASE_URL", relay, "CONVERSATION", "sdk-node-" + UUID.randomUUID(),
                "PROMPT", "Explain resumable streams"), CLIENT_TIMEOUT, "node", "stream-with-openai-sdk.mjs"));

        assertFalse(got.get("text").asText().isEmpty());
        assertEquals(auditedText(got.get("id").asText()), got.get("text").asText());
        assertEquals("stop", got.get("finish_reason").asText());
        assertTrue(got.at("/usage/completion_tokens").asInt() > 0, got.toString());
    }

    @Test
    void theOpenAiPythonSdkStreamsTheAuditedText() throws Exception {
        Path python = ClientTools.python();
        String relay = Pipeline.stack().relayUrl();

        JsonNode got = lastLine(ClientTools.run(python, Map.of("BASE_URL", relay, "CONVERSATION", "sdk-py-" + UUID.randomUUID(),
                "PROMPT", "Explain exactly-once audits"), CLIENT_TIMEOUT, python.resolve("venv/bin/python").toString(),
                "stream_with_openai_sdk.py"));

        assertFalse(got.get("text").asText().isEmpty());
        assertEquals(auditedText(got.get("id").asText()), got.get("text").asText());
        assertEquals("stop", got.get("finish_reason").asText());
    }

    @Test
    void anEventSourceResumesThroughACutConnectionWithNothingLostOrRepeated() throws Exception {
        Path node = ClientTools.node();
        URI relay = URI.create(Pipeline.stack().relayUrl());
        String resumePath = startStreamedCompletion(relay, "sdk-es-" + UUID.randomUUID());

        try (CuttingProxy proxy = new CuttingProxy(relay.getPort(), 2500)) {
            JsonNode got = lastLine(ClientTools.run(node, Map.of("URL", "http://127.0.0.1:" + proxy.port() + resumePath),
                    CLIENT_TIMEOUT, "node", "resume-with-eventsource.mjs"));

            assertTrue(proxy.connections() >= 2, "the cut made the client reconnect");
            assertTrue(got.get("opens").asInt() >= 2, got.toString());
            List<String> seen = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            StringBuilder text = new StringBuilder();
            String responseId = null;
            for (JsonNode event : got.get("events")) {
                String key = event.get("id").asText() + " " + event.get("data").asText();
                seen.add(key);
                distinct.add(key);
                if (!event.get("data").asText().equals("[DONE]")) {
                    JsonNode chunk = json(event.get("data").asText());
                    responseId = chunk.get("id").asText();
                    text.append(chunk.at("/choices/0/delta/content").asText(""));
                }
            }
            assertEquals(seen.size(), distinct.size(), "no event twice: " + seen);
            assertEquals(auditedText(responseId), text.toString());
        }
    }

    /** Starts a streamed completion, reads only its head (closing does not cancel) and answers its resume path. */
    private static String startStreamedCompletion(URI relay, String conversationId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(relay.resolve("/v1/chat/completions")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header(ChatCompletionsHttp.CONVERSATION_HEADER, conversationId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"simulator\",\"stream\":true,\"max_tokens\":60,"
                        + "\"seed\":3,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about Kafka\"}]}")).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        assertEquals(200, response.statusCode());
        return response.headers().firstValue(ChatCompletionsHttp.RESUME_URL_HEADER).orElseThrow();
    }
}
