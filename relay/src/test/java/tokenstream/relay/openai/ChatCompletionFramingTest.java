package tokenstream.relay.openai;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.sse.SseEvent;
import tokenstream.protocol.sse.SseParser;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.openai.Events.completed;
import static tokenstream.relay.openai.Events.record;
import static tokenstream.relay.openai.Events.started;
import static tokenstream.relay.openai.Events.text;

class ChatCompletionFramingTest {
    private static final List<ChunkRecord> RESPONSE = List.of(record(10, started(0)), record(11, text(1, "a")),
            record(13, text(2, "b")), record(14, completed(3, "stop")));

    private static List<SseEvent> parse(byte[] bytes) {
        List<SseEvent> events = new ArrayList<>();
        new SseParser(events::add).feed(bytes);
        return events;
    }

    private static ChunkRecord otherResponse(long offset) {
        return record(offset, new ChunkEvent.TextDelta("c1", "r2", 1, Events.AT, "other"));
    }

    @Test
    void everyEventCarriesItsRecordsPositionAndNoEventName() {
        ChatCompletionFraming framing = new ChatCompletionFraming("r1", false, null);

        List<SseEvent> events = parse(framing.events(RESPONSE).getBytes());

        assertEquals(List.of("1.0.10", "1.0.11", "1.0.13", "1.0.14", "1.0.14"),
                events.stream().map(e -> e.id().substring(0, e.id().lastIndexOf('.'))).toList());
        assertTrue(events.stream().allMatch(e -> e.event().equals(SseEvent.DEFAULT_TYPE)));
        assertEquals("[DONE]", events.get(events.size() - 1).data());
        assertTrue(framing.complete());
    }

    @Test
    void otherResponsesOfTheConversationAreSkipped() {
        ChatCompletionFraming framing = new ChatCompletionFraming("r1", false, null);

        List<SseEvent> events = parse(framing.events(List.of(record(10, started(0)), otherResponse(11),
                record(12, text(1, "a")))).getBytes());

        assertEquals(2, events.size());
        assertFalse(events.get(1).data().contains("other"));
    }

    @Test
    void aResumeWritesOnlyWhatFollowsTheClientsLastEvent() {
        ChatCompletionFraming framing = new ChatCompletionFraming("r1", false, new EventId(0, 11));

        List<SseEvent> events = parse(framing.events(RESPONSE).getBytes());

        assertEquals(new EventId(0, 13).encode(), events.get(0).id());
        assertTrue(events.get(0).data().contains("\"content\":\"b\""));
        assertFalse(events.get(0).data().contains("\"role\""), "the role went out before the cut");
        assertEquals(3, events.size());
    }

    @Test
    void aResumeAfterTheTerminalEventGetsOnlyDone() {
        ChatCompletionFraming framing = new ChatCompletionFraming("r1", false, new EventId(0, 14));

        List<SseEvent> events = parse(framing.events(RESPONSE).getBytes());

        assertEquals(List.of("[DONE]"), events.stream().map(SseEvent::data).toList());
        assertTrue(framing.complete());
    }

    @Test
    void theRelaysOwnEndingIsAnErrorTheSdksRaise() {
        ChatCompletionFraming framing = new ChatCompletionFraming("r1", false, null);

        List<SseEvent> events = parse(framing.control("stream.reconnect", Map.of("code", "slow_client",
                "message", "behind", "last_event_id", "1.0.11.abcd")).getBytes());

        assertEquals(1, events.size());
        String data = new String(events.get(0).data().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertTrue(data.contains("\"code\":\"slow_client\""), data);
        assertTrue(data.contains("\"type\":\"stream_interrupted\""), data);
        assertTrue(data.contains("\"last_event_id\":\"1.0.11.abcd\""), data);
    }

    @Test
    void theStreamOpensWithoutARetryBlockThatTheOpenAiPythonSdkWouldReadAsAnEmptyEvent() {
        assertEquals(0, new ChatCompletionFraming("r1", false, null).opening(2000).length());
    }

    @Test
    void theHeartbeatIsACommentLineThatEndsNoEvent() {
        String heartbeat = new ChatCompletionFraming("r1", false, null).heartbeat().toString(StandardCharsets.UTF_8);

        assertTrue(heartbeat.startsWith(":"));
        assertFalse(heartbeat.contains("\n\n"), "a blank line would dispatch an empty event in the Python SDK");
    }
}
