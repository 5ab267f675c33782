package tokenstream.ingest.upstream.anthropic;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.openai.FakeOpenAiServer;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.Usage;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.atLeast;
import static tokenstream.ingest.Generations.cancel;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.text;
import static tokenstream.ingest.Generations.untilEnd;

/** Ingest driving the Anthropic Messages upstream (a fake server replaying recorded streams), onto the real topic. */
@QuarkusTest
@TestProfile(AnthropicUpstreamProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class AnthropicGenerationTest {
    private static final String WEATHER_TOOL = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},"
            + "\"required\":[\"city\"]}}}]";

    private static FakeOpenAiServer server() {
        return FakeAnthropicResource.server();
    }

    /** The events without their envelope (ids, seq, time): what the test expects, event for event. */
    private static List<String> shapes(List<ChunkEvent> events) {
        return events.stream().map(e -> {
            var json = ChunkEventCodec.toJson(e);
            json.remove(List.of("conversation_id", "response_id", "seq", "timestamp", "metadata"));
            return json.toString();
        }).toList();
    }

    @Test
    void thinkingTextAndTwoToolCallsThenAnOverloadedErrorMapEventForEventToTheTopic() {
        server().play(FakeOpenAiServer.Script.replay(RecordedMessages.THINKING_TEXT_TWO_TOOL_CALLS_THEN_OVERLOADED));
        String conversation = newConversation("anthropic-overloaded");
        String responseId = start(conversation, "{\"prompt\":\"weather in Zürich and Paris?\",\"options\":{" + WEATHER_TOOL + "}}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertEquals(List.of(
                "{\"type\":\"response.started\",\"model\":\"simulator\",\"source\":\"generation\"}",
                "{\"type\":\"thinking.delta\",\"text\":\"Two cities, so\"}",
                "{\"type\":\"thinking.delta\",\"text\":\" two weather calls.\"}",
                "{\"type\":\"text.delta\",\"text\":\"Let me check\"}",
                "{\"type\":\"text.delta\",\"text\":\" both cities.\"}",
                "{\"type\":\"tool_call\",\"call_id\":\"toolu_01Zr\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Zürich\"}}",
                "{\"type\":\"tool_call\",\"call_id\":\"toolu_02Pa\",\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"days\":2}}",
                "{\"type\":\"response.failed\",\"code\":\"upstream_overloaded\","
                        + "\"message\":\"the upstream reported an error mid-stream: overloaded_error: Overloaded\"}"),
                shapes(events));
    }

    @Test
    void aCompletedStreamEndsWithToolCallsAsFinishReasonAndTheReportedUsage() {
        server().play(FakeOpenAiServer.Script.replay(RecordedMessages.THINKING_TEXT_TWO_TOOL_CALLS_COMPLETED));
        String conversation = newConversation("anthropic-tools");
        String responseId = start(conversation, "{\"prompt\":\"weather in Zürich and Paris?\",\"options\":{" + WEATHER_TOOL + "}}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertEquals("Let me check both cities.", text(events), "thinking stays out of the text");
        var completed = assertInstanceOf(ChunkEvent.ResponseCompleted.class, last(events));
        assertEquals("tool_calls", completed.finishReason());
        assertEquals(new Usage(492, 89, 581), completed.usage());
    }

    @Test
    void pingsBetweenTextDeltasWriteNothing() {
        server().play(FakeOpenAiServer.Script.replay(RecordedMessages.TEXT));
        String conversation = newConversation("anthropic-text");
        String responseId = start(conversation, "{\"prompt\":\"hello\"}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertEquals(List.of(
                "{\"type\":\"response.started\",\"model\":\"simulator\",\"source\":\"generation\"}",
                "{\"type\":\"text.delta\",\"text\":\"Hello\"}",
                "{\"type\":\"text.delta\",\"text\":\", Zürich!\"}",
                "{\"type\":\"response.completed\",\"finish_reason\":\"stop\",\"usage\":{\"prompt_tokens\":492,"
                        + "\"completion_tokens\":15,\"total_tokens\":507}}"),
                shapes(events));
    }

    @Test
    void http529BeforeTheStreamEndsTheResponseWithUpstreamOverloaded() {
        server().play(FakeOpenAiServer.Script.httpError(529, RecordedMessages.errorBody("overloaded_error", "Overloaded")));
        String conversation = newConversation("anthropic-529");
        String responseId = start(conversation, "{\"prompt\":\"hi\"}");

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(untilEnd(conversation, responseId)));

        assertEquals("upstream_overloaded", failed.code());
        assertEquals("the upstream answered HTTP 529: overloaded_error: Overloaded", failed.message());
    }

    @Test
    void http401BeforeTheStreamEndsTheResponseWithUpstreamUnauthorized() {
        server().play(FakeOpenAiServer.Script.httpError(401, RecordedMessages.errorBody("authentication_error", "invalid x-api-key")));
        String conversation = newConversation("anthropic-401");
        String responseId = start(conversation, "{\"prompt\":\"hi\"}");

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(untilEnd(conversation, responseId)));

        assertEquals("upstream_unauthorized", failed.code());
        assertTrue(!failed.message().contains(AnthropicStreamMappingTest.API_KEY), failed.message());
    }

    @Test
    void toolArgumentsThatBreakTheSchemaFailTheResponseAndCloseTheUpstreamConnection() throws Exception {
        server().forgetConnections();
        server().play(FakeOpenAiServer.Script.thenKeepStreaming(RecordedMessages.TOOL_CALL_WITH_INVALID_ARGUMENTS,
                RecordedMessages.textEvent("more"), 10));
        String conversation = newConversation("anthropic-bad-tool");
        String responseId = start(conversation, "{\"prompt\":\"weather in Oslo\",\"options\":{" + WEATHER_TOOL + "}}");
        var connection = server().nextConnection();

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        connection.closedByClientAt.get(2, TimeUnit.SECONDS);
        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("invalid_tool_arguments", failed.code());
        assertEquals(2, events.size(), "no tool call, no text: " + events);
    }

    @Test
    void cancelClosesTheUpstreamConnectionAndResponseCancelledIsTheLastEvent() throws Exception {
        server().forgetConnections();
        server().play(FakeOpenAiServer.Script.thenKeepStreaming(RecordedMessages.OPENING, RecordedMessages.textEvent(" more"), 10));
        String conversation = newConversation("anthropic-cancel");
        String responseId = start(conversation, "{\"prompt\":\"go on forever\"}");
        var connection = server().nextConnection();
        atLeast(conversation, responseId, 3);

        var answer = cancel(conversation, responseId, "{\"reason\":\"user\"}");

        assertEquals(200, answer.statusCode(), answer.asString());
        connection.closedByClientAt.get(2, TimeUnit.SECONDS);
        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(untilEnd(conversation, responseId)));
        assertEquals("user", cancelled.reason());
    }
}
