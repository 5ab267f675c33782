package tokenstream.ingest.upstream.anthropic;

import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.openai.RecordingListener;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Messages event stream mapped to listener calls, line by line, without a network or a broker. */
class MessagesEventReaderTest {

    private static List<String> read(List<String> lines) {
        RecordingListener listener = new RecordingListener();
        MessagesEventReader reader = new MessagesEventReader(listener);
        for (String line : lines) {
            if (!reader.ended()) {
                reader.line(line);
            }
        }
        reader.endOfStream();
        return listener.calls;
    }

    @Test
    void textDeltasBecomeTextAndPingsAreIgnored() {
        assertEquals(List.of(
                "text Hello",
                "text , Zürich!",
                "completed stop Usage[promptTokens=492, completionTokens=15, totalTokens=507]"), read(RecordedMessages.TEXT));
    }

    @Test
    void thinkingTextAndToolCallsSplitAcrossDeltasMapInOrderAndEachCallEndsAtItsBlockStop() {
        assertEquals(List.of(
                "thinking Two cities, so",
                "thinking  two weather calls.",
                "text Let me check",
                "text  both cities.",
                "fragment 0 toolu_01Zr get_weather null",
                "fragment 0 null null {\"ci",
                "fragment 0 null null ty\": \"Zür",
                "fragment 0 null null ich\"}",
                "end 0",
                "fragment 1 toolu_02Pa get_weather null",
                "fragment 1 null null {\"city\": ",
                "fragment 1 null null \"Paris\", \"days\": 2}",
                "end 1",
                "completed tool_calls Usage[promptTokens=492, completionTokens=89, totalTokens=581]"),
                read(RecordedMessages.THINKING_TEXT_TWO_TOOL_CALLS_COMPLETED));
    }

    @Test
    void anOverloadedErrorMidStreamFailsWithUpstreamOverloadedAfterWhatCameBefore() {
        List<String> calls = read(RecordedMessages.THINKING_TEXT_TWO_TOOL_CALLS_THEN_OVERLOADED);

        assertEquals("end 1", calls.get(calls.size() - 2));
        assertEquals("failed upstream_overloaded the upstream reported an error mid-stream: overloaded_error: Overloaded",
                calls.get(calls.size() - 1));
    }

    @Test
    void anApiErrorMidStreamFailsWithUpstreamError() {
        assertEquals(List.of("text Part", "failed upstream_error the upstream reported an error mid-stream: api_error: "
                + "Internal server error"), read(RecordedMessages.TEXT_THEN_API_ERROR));
    }

    @Test
    void stopReasonsBecomeTheFinishReasonsOfTheOtherUpstreams() {
        assertEquals("completed length Usage[promptTokens=492, completionTokens=2, totalTokens=494]",
                read(RecordedMessages.CUT_AT_MAX_TOKENS).get(1));
        assertEquals("stop", MessagesEventReader.finishReason("end_turn"));
        assertEquals("stop", MessagesEventReader.finishReason("stop_sequence"));
        assertEquals("length", MessagesEventReader.finishReason("max_tokens"));
        assertEquals("tool_calls", MessagesEventReader.finishReason("tool_use"));
        assertEquals("content_filter", MessagesEventReader.finishReason("refusal"));
        assertEquals("pause_turn", MessagesEventReader.finishReason("pause_turn"));
    }

    @Test
    void aStreamThatEndsBeforeTheModelStoppedFails() {
        List<String> lines = RecordedMessages.TEXT.subList(0, RecordedMessages.TEXT.size() - 6);

        List<String> calls = read(lines);

        assertEquals("failed upstream_error the upstream closed the stream before the response was finished",
                calls.get(calls.size() - 1));
    }

    @Test
    void aStreamThatStoppedButLostItsMessageStopCompletes() {
        List<String> lines = RecordedMessages.TEXT.subList(0, RecordedMessages.TEXT.size() - 3);

        assertEquals("completed stop Usage[promptTokens=492, completionTokens=15, totalTokens=507]",
                read(lines).get(2));
    }

    @Test
    void eventTypesAndBlockTypesThisVersionDoesNotKnowAreSkipped() {
        List<String> lines = List.of(
                "event: something_new", "data: {\"type\":\"something_new\",\"x\":1}", "",
                ": a comment", "",
                "event: content_block_start",
                "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgB\"}}", "",
                "event: content_block_delta",
                "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"citations_delta\",\"citation\":{}}}", "",
                "event: message_delta", "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":1}}", "",
                "event: message_stop", "data: {\"type\":\"message_stop\"}", "");

        assertEquals(List.of("completed stop Usage[promptTokens=0, completionTokens=1, totalTokens=1]"), read(lines));
    }

    @Test
    void dataThatIsNotJsonFailsTheStream() {
        List<String> calls = read(List.of("event: content_block_delta", "data: {oops", ""));

        assertEquals(List.of("failed upstream_error the upstream sent an event that is not JSON"), calls);
    }

    @Test
    void aLostConnectionFailsWithUpstreamError() {
        RecordingListener listener = new RecordingListener();
        MessagesEventReader reader = new MessagesEventReader(listener);

        reader.connectionLost(new IOException("Connection reset"));

        assertTrue(listener.calls.get(0).startsWith("failed upstream_error the connection to the upstream was lost"),
                listener.calls.toString());
    }
}
