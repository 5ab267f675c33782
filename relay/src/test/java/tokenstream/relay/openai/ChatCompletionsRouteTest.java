package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChatCompletionsHttp;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.sse.SseEvent;
import tokenstream.relay.RelayTestSupport;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI-compatible endpoint on a relay reading the real broker, with an ingest stand-in that writes there. */
@QuarkusTest
@TestProfile(ChatCompletionsRouteTest.WithScriptedIngest.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ChatCompletionsRouteTest {
    private static final String STREAMED = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String EXPECTED_TEXT = IntStream.range(0, ScriptedIngest.TOKENS).mapToObj(ScriptedIngest::token)
            .collect(Collectors.joining());

    public static class WithScriptedIngest implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScriptedIngest.class));
        }
    }

    private static JsonNode json(SseEvent event) throws Exception {
        return ProtocolJson.mapper().readTree(event.data());
    }

    private static String text(List<SseEvent> events) throws Exception {
        StringBuilder text = new StringBuilder();
        for (SseEvent event : events) {
            if (!event.data().equals("[DONE]")) {
                text.append(json(event).at("/choices/0/delta/content").asText(""));
            }
        }
        return text.toString();
    }

    @Test
    void aStreamedCompletionCarriesTheResponsesTextEndsWithDoneAndEqualsTheRelaysOwnStream() throws Exception {
        String conversation = RelayTestSupport.newConversation();

        ChatStream stream = ChatStream.post(STREAMED, Map.of(ChatCompletionsHttp.CONVERSATION_HEADER, conversation), 1000);

        assertEquals(200, stream.status());
        assertTrue(stream.header("Content-Type").startsWith("text/event-stream"));
        assertEquals(conversation, stream.header(ChatCompletionsHttp.CONVERSATION_HEADER));
        assertEquals(EXPECTED_TEXT, text(stream.events()));
        assertEquals("[DONE]", stream.events().get(stream.events().size() - 1).data());
        assertEquals("assistant", json(stream.events().get(0)).at("/choices/0/delta/role").asText());
        assertEquals("stop", json(stream.events().get(stream.events().size() - 2)).at("/choices/0/finish_reason").asText());
        try (SseClient own = RelayTestSupport.open(conversation, "from=start")) {
            assertEquals(RelayTestSupport.text(own.until(tokenstream.testkit.SseEvent::isTerminal, RelayTestSupport.TIMEOUT)),
                    text(stream.events()));
        }
    }

    @Test
    void everyEventCarriesAnIdAndTheRequestGoesToIngestAsAStartBody() throws Exception {
        ScriptedIngest.RECEIVED.clear();
        String conversation = RelayTestSupport.newConversation();

        ChatStream stream = ChatStream.post(STREAMED, Map.of(ChatCompletionsHttp.CONVERSATION_HEADER, conversation), 1000);

        assertTrue(stream.events().stream().allMatch(e -> e.id() != null && !e.id().isEmpty()));
        ScriptedIngest.Received start = ScriptedIngest.RECEIVED.poll(5, TimeUnit.SECONDS);
        assertNotNull(start);
        assertEquals("/v1/conversations/" + conversation + "/responses", start.path());
        assertEquals(ProtocolJson.mapper().readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"options\":{}}"), ProtocolJson.mapper().readTree(start.body()));
    }

    @Test
    void aNewConversationIsMadeAndNamedWhenTheRequestGivesNone() throws Exception {
        ChatStream stream = ChatStream.post(STREAMED, Map.of(), 1000);

        assertEquals(200, stream.status());
        assertTrue(stream.header(ChatCompletionsHttp.CONVERSATION_HEADER).startsWith("chat-"));
    }

    @Test
    void aClientResumingAtTheResumeUrlGetsTheRestWithNothingLostOrRepeated() throws Exception {
        String conversation = RelayTestSupport.newConversation();
        ChatStream first = ChatStream.post(STREAMED, Map.of(ChatCompletionsHttp.CONVERSATION_HEADER, conversation), 12);
        String resumeUrl = first.header(ChatCompletionsHttp.RESUME_URL_HEADER);
        assertNotNull(resumeUrl);

        ChatStream rest = ChatStream.get(resumeUrl, Map.of("Last-Event-ID", first.events().get(11).id()), 1000);

        List<SseEvent> all = new ArrayList<>(first.events());
        all.addAll(rest.events());
        assertEquals(EXPECTED_TEXT, text(all));
        assertEquals(all.size(), all.stream().map(SseEvent::id).distinct().count() + 1, "only [DONE] shares an id");
        assertEquals("[DONE]", all.get(all.size() - 1).data());
    }

    @Test
    void aResumeAfterTheLastChunkGetsOnlyDone() throws Exception {
        String conversation = RelayTestSupport.newConversation();
        ChatStream whole = ChatStream.post(STREAMED, Map.of(ChatCompletionsHttp.CONVERSATION_HEADER, conversation), 1000);
        String lastId = whole.events().get(whole.events().size() - 1).id();

        ChatStream rest = ChatStream.get(whole.header(ChatCompletionsHttp.RESUME_URL_HEADER), Map.of("Last-Event-ID", lastId), 1000);

        assertEquals(List.of("[DONE]"), rest.events().stream().map(SseEvent::data).toList());
    }

    @Test
    void theUsageChunkComesLastWhenAsked() throws Exception {
        ChatStream stream = ChatStream.post("{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", Map.of(), 1000);

        JsonNode usage = json(stream.events().get(stream.events().size() - 2));
        assertEquals(0, usage.get("choices").size());
        assertEquals(ScriptedIngest.TOKENS, usage.at("/usage/completion_tokens").asInt());
        assertTrue(stream.header(ChatCompletionsHttp.RESUME_URL_HEADER).contains("include_usage=true"));
    }

    @Test
    void aFailureMidStreamIsAnErrorEventWithItsStableCodeThenTheEnd() throws Exception {
        ChatStream stream = ChatStream.post("{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"fail\"}]}",
                Map.of(), 1000);

        SseEvent last = stream.events().get(stream.events().size() - 1);
        assertEquals("upstream_error", json(last).at("/error/code").asText());
        assertEquals(5, stream.events().size(), "role, three deltas, the error; then the stream ends");
    }

    @Test
    void withoutStreamTheAnswerIsOneChatCompletionWithTheToolCall() {
        var answer = given().contentType(ContentType.JSON).body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}]}")
                .post("/v1/chat/completions").then().extract();

        assertEquals(200, answer.statusCode());
        assertEquals("chat.completion", answer.path("object"));
        assertEquals(EXPECTED_TEXT, answer.path("choices[0].message.content"));
        assertEquals("lookup", answer.path("choices[0].message.tool_calls[0].function.name"));
        assertEquals("{\"q\":\"kafka\"}", answer.path("choices[0].message.tool_calls[0].function.arguments"));
        assertEquals("tool_calls", answer.path("choices[0].finish_reason"));
        assertEquals(Integer.valueOf(ScriptedIngest.TOKENS), answer.path("usage.completion_tokens"));
    }

    @Test
    void aParameterIngestCannotHonourIs400AndNeverReachesIngest() {
        ScriptedIngest.RECEIVED.clear();

        var answer = given().contentType(ContentType.JSON)
                .body("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"logprobs\":true}")
                .post("/v1/chat/completions").then().extract();

        assertEquals(400, answer.statusCode());
        assertEquals("unsupported_parameter", answer.path("error.code"));
        assertEquals(0, ScriptedIngest.RECEIVED.size());
    }

    @Test
    void cancelIsForwardedToIngestsCancelOfTheResponseInItsConversation() throws Exception {
        ScriptedIngest.RECEIVED.clear();

        var answer = given().header(ChatCompletionsHttp.CONVERSATION_HEADER, "conv-9")
                .post("/v1/chat/completions/{rid}/cancel", "resp_1").then().extract();

        assertEquals(200, answer.statusCode());
        assertEquals("/v1/conversations/conv-9/responses/resp_1/cancel", ScriptedIngest.RECEIVED.poll(5, TimeUnit.SECONDS).path());
    }

    @Test
    void aResumeWithoutTheStartPositionIs400() {
        var answer = given().get("/v1/chat/completions/{rid}/stream?conversation=conv-1", "resp_1").then().extract();

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_request", answer.path("error.code"));
    }
}
