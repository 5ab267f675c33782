package tokenstream.protocol;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkEventCodecTest {
    private static final Instant T = Instant.parse("2026-11-26T10:00:00.123Z");

    @Test
    void everyKnownEventSurvivesARoundTrip() {
        ObjectNode args = ProtocolJson.mapper().createObjectNode().put("city", "Oslo");
        List<ChunkEvent> events = List.of(
                new ChunkEvent.ResponseStarted("c", "r", 0, T, "sim-1", args),
                new ChunkEvent.TextDelta("c", "r", 1, T, "Hello, \"world\" ✓"),
                new ChunkEvent.ToolCall("c", "r", 2, T, "call_1", "weather", args),
                new ChunkEvent.ResponseCompleted("c", "r", 3, T, "stop", Usage.of(3, 4)),
                new ChunkEvent.ResponseFailed("c", "r", 3, T, "upstream_error", "boom"),
                new ChunkEvent.ResponseCancelled("c", "r", 3, T, "client_request"));
        for (ChunkEvent event : events) {
            assertEquals(event, ChunkEventCodec.read(ChunkEventCodec.write(event)));
        }
    }

    @Test
    void writtenBytesAreTheEventsJsonObjectFieldForField() throws Exception {
        ObjectNode args = ProtocolJson.mapper().createObjectNode().put("city", "Oslo");
        List<ChunkEvent> events = List.of(
                new ChunkEvent.ResponseStarted("c", "r", 0, T, "sim-1", args).withSource("push"),
                new ChunkEvent.ResponseStarted("c", "r", 0, T, null, null),
                new ChunkEvent.TextDelta("c", "r", 1, T, "line\nbreak \u2028 \"quoted\" \u0000"),
                new ChunkEvent.ThinkingDelta("c", "r", 1, T, ""),
                new ChunkEvent.ToolCall("c", "r", 2, T, null, "weather", NullNode.getInstance()),
                new ChunkEvent.ToolCall("c", "r", 2, T, "call_1", "weather", args),
                new ChunkEvent.ResponseCompleted("c", "r", 3, T, "stop", Usage.of(3, 4)),
                new ChunkEvent.ResponseCompleted("c", "r", 3, T, null, null),
                new ChunkEvent.ResponseFailed("c", "r", 3, T, "upstream_error", null),
                new ChunkEvent.ResponseCancelled("c", "r", 3, T, "client_request"));
        for (ChunkEvent event : events) {
            String fromTree = ProtocolJson.mapper().writeValueAsString(ChunkEventCodec.toJson(event));
            assertEquals(fromTree, ChunkEventCodec.writeString(event));
            assertEquals(fromTree, new String(ChunkEventCodec.write(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aThinkingDeltaIsItsOwnTypeOnTheWireAndNeedsItsText() {
        var thinking = new ChunkEvent.ThinkingDelta("c", "r", 1, T, "Let me think");

        assertEquals("{\"type\":\"thinking.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,"
                + "\"timestamp\":\"2026-11-26T10:00:00.123Z\",\"text\":\"Let me think\"}", ChunkEventCodec.writeString(thinking));
        assertEquals(thinking, ChunkEventCodec.read(ChunkEventCodec.write(thinking)));
        String withoutText = "{\"type\":\"thinking.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,"
                + "\"timestamp\":\"2026-11-26T10:00:00.123Z\"}";
        assertThrows(MalformedEventException.class, () -> ChunkEventCodec.read(withoutText.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void startedCarriesItsSourceAndAStartWithoutOneReadsAsNull() {
        ChunkEvent.ResponseStarted pushed = new ChunkEvent.ResponseStarted("c", "r", 0, T, "m", null)
                .withSource(ChunkEvent.ResponseStarted.SOURCE_PUSH);

        assertTrue(ChunkEventCodec.writeString(pushed).endsWith(",\"source\":\"push\"}"));
        assertEquals(pushed, ChunkEventCodec.read(ChunkEventCodec.write(pushed)));
        String older = "{\"type\":\"response.started\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":0,"
                + "\"timestamp\":\"2026-11-26T10:00:00.123Z\",\"model\":\"m\"}";
        assertEquals(null, ((ChunkEvent.ResponseStarted) ChunkEventCodec.read(older.getBytes(StandardCharsets.UTF_8)))
                .source());
    }

    @Test
    void headersRepeatTypeResponseAndSeqInThatOrder() {
        var headers = EventHeaders.of(new ChunkEvent.TextDelta("c", "r", 7, T, "x"));

        assertEquals(List.of("event-type", "response-id", "seq"), List.copyOf(headers.keySet()));
        assertEquals(List.of("text.delta", "r", "7"), List.copyOf(headers.values()));
    }

    @Test
    void wireFormatIsSnakeCaseWithTypeFirst() {
        String json = ChunkEventCodec.writeString(new ChunkEvent.TextDelta("conv-1", "resp-1", 4, T, "Hi"));
        assertEquals("{\"type\":\"text.delta\",\"conversation_id\":\"conv-1\",\"response_id\":\"resp-1\","
                + "\"seq\":4,\"timestamp\":\"2026-11-26T10:00:00.123Z\",\"text\":\"Hi\"}", json);
    }

    @Test
    void onlyCompletedFailedAndCancelledAreTerminal() {
        assertFalse(new ChunkEvent.TextDelta("c", "r", 1, T, "x").isTerminal());
        assertFalse(new ChunkEvent.ResponseStarted("c", "r", 0, T, "m", null).isTerminal());
        assertTrue(new ChunkEvent.ResponseCompleted("c", "r", 1, T, "stop", null).isTerminal());
        assertTrue(new ChunkEvent.ResponseFailed("c", "r", 1, T, "x", "y").isTerminal());
        assertTrue(new ChunkEvent.ResponseCancelled("c", "r", 1, T, "x").isTerminal());
    }

    @Test
    void unknownTypeIsKeptWholeAndWrittenBackUnchanged() throws Exception {
        String future = "{\"type\":\"reasoning.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":2,"
                + "\"timestamp\":\"2026-11-26T10:00:00.123Z\",\"summary\":\"thinking\"}";
        ChunkEvent event = ChunkEventCodec.read(future.getBytes(StandardCharsets.UTF_8));
        ChunkEvent.Unknown unknown = assertInstanceOf(ChunkEvent.Unknown.class, event);
        assertEquals("reasoning.delta", unknown.typeName());
        assertFalse(unknown.isTerminal());
        assertEquals(future,
                ChunkEventCodec.writeString(unknown));
    }

    @Test
    void notJsonIsMalformed() {
        var e = assertThrows(MalformedEventException.class, () -> ChunkEventCodec.read("hello".getBytes()));
        assertTrue(e.getMessage().startsWith("not valid JSON"), e.getMessage());
    }

    @Test
    void missingEnvelopeFieldIsNamed() {
        var e = assertThrows(MalformedEventException.class, () -> ChunkEventCodec.read(
                "{\"type\":\"text.delta\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\",\"text\":\"x\"}".getBytes()));
        assertTrue(e.getMessage().contains("conversation_id"), e.getMessage());
    }

    @Test
    void negativeSeqIsMalformed() {
        assertThrows(MalformedEventException.class, () -> ChunkEventCodec.read(
                "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":-1,\"timestamp\":\"2026-11-26T10:00:00Z\",\"text\":\"x\"}".getBytes()));
    }

    @Test
    void knownTypeWithoutItsRequiredFieldIsMalformed() {
        var e = assertThrows(MalformedEventException.class, () -> ChunkEventCodec.read(
                "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\"}".getBytes()));
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }
}
