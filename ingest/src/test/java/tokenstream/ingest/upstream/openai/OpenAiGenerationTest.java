package tokenstream.ingest.upstream.openai;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Usage;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.atLeast;
import static tokenstream.ingest.Generations.cancel;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.ofType;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.text;
import static tokenstream.ingest.Generations.untilEnd;

/** Ingest driving the OpenAI-compatible upstream (a fake server) end to end, onto the real topic. */
@QuarkusTest
@TestProfile(OpenAiUpstreamProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class OpenAiGenerationTest {

    private static FakeOpenAiServer server() {
        return FakeOpenAiResource.server();
    }

    @Test
    void aRecordedStreamBecomesTextDeltasTwoWholeToolCallsAndCompletedWithUsage() throws Exception {
        server().play(FakeOpenAiServer.Script.replay(RecordedStreams.TEXT_AND_TWO_PARALLEL_TOOL_CALLS));
        String conversation = newConversation("openai-tools");
        String responseId = start(conversation, "{\"prompt\":\"weather in Zürich and Paris?\"}");

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertEquals("Let me check both cities.", text(events));
        List<ChunkEvent.ToolCall> calls = ofType(events, ChunkEvent.ToolCall.class);
        assertEquals(2, calls.size());
        assertEquals("call_Zr1", calls.get(0).callId());
        assertEquals(ProtocolJson.mapper().readTree("{\"city\":\"Zürich\"}"), calls.get(0).arguments());
        assertEquals("call_Pa2", calls.get(1).callId());
        assertEquals("get_weather", calls.get(1).name());
        assertEquals(ProtocolJson.mapper().readTree("{\"city\":\"Paris\",\"days\":2}"), calls.get(1).arguments());
        var completed = assertInstanceOf(ChunkEvent.ResponseCompleted.class, last(events));
        assertEquals("tool_calls", completed.finishReason());
        assertEquals(new Usage(84, 51, 135), completed.usage());
        assertEquals(6, events.size(), "started, 2 deltas, 2 tool calls, completed: " + events);
    }

    @Test
    void cancelClosesTheUpstreamConnectionAndResponseCancelledIsTheLastEvent() throws Exception {
        server().forgetConnections();
        server().play(FakeOpenAiServer.Script.thenKeepStreaming(List.of(), RecordedStreams.text(" more"), 10));
        String conversation = newConversation("openai-cancel");
        String responseId = start(conversation, "{\"prompt\":\"go on forever\"}");
        var connection = server().nextConnection();
        atLeast(conversation, responseId, 3);

        var answer = cancel(conversation, responseId, "{\"reason\":\"user\"}");

        assertEquals(200, answer.statusCode(), answer.asString());
        connection.closedByClientAt.get(2, TimeUnit.SECONDS);
        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(untilEnd(conversation, responseId)));
        assertEquals("user", cancelled.reason());
    }

    @Test
    void jsonThatTurnsInvalidClosesTheUpstreamConnectionAndFailsWithInvalidJson() throws Exception {
        server().forgetConnections();
        server().play(FakeOpenAiServer.Script.thenKeepStreaming(
                List.of(RecordedStreams.text("{\"answer\": "), RecordedStreams.text("42,}")), RecordedStreams.text(" 1"), 10));
        String conversation = newConversation("openai-json");
        String responseId = start(conversation, "{\"prompt\":\"json please\",\"options\":{\"response_format\":{\"type\":\"json_object\"}}}");
        var connection = server().nextConnection();

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        connection.closedByClientAt.get(2, TimeUnit.SECONDS);
        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("invalid_json", failed.code());
        assertTrue(failed.message().contains("at byte 14:"), failed.message());
        assertEquals("{\"answer\": ", text(events));
    }

    @Test
    void anHttpErrorFromTheUpstreamEndsTheResponseWithUpstreamError() {
        server().play(FakeOpenAiServer.Script.httpError(500, "{\"error\":{\"message\":\"model overloaded\"}}"));
        String conversation = newConversation("openai-500");
        String responseId = start(conversation, "{\"prompt\":\"hi\"}");

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(untilEnd(conversation, responseId)));

        assertEquals("upstream_error", failed.code());
        assertTrue(failed.message().contains("HTTP 500") && failed.message().contains("model overloaded"), failed.message());
    }
}
