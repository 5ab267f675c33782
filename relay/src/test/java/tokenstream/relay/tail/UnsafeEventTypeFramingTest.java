package tokenstream.relay.tail;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.sse.SseFrames;
import tokenstream.relay.sse.SseFormat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a record on the topic holds, the frame the relay builds for it has exactly its id, event and data fields. */
class UnsafeEventTypeFramingTest {
    private static final String INJECTION = "t\n\nretry: 86400000\nevent: x";

    private static ConsumerRecord<String, byte[]> record(String headerType, String jsonType) {
        RecordHeaders headers = new RecordHeaders();
        if (headerType != null) {
            headers.add(EventHeaders.EVENT_TYPE, headerType.getBytes(StandardCharsets.UTF_8));
            headers.add(EventHeaders.RESPONSE_ID, "r1".getBytes(StandardCharsets.UTF_8));
        }
        String value = "{\"type\":" + EventTypes.quote(jsonType).replace("…", "") + ",\"conversation_id\":\"c1\","
                + "\"response_id\":\"r1\",\"seq\":1,\"timestamp\":\"2026-11-26T10:00:00Z\"}";
        return new ConsumerRecord<>("tokenstream.chunks", 2, 41, 0L, TimestampType.CREATE_TIME, 0, 0, "c1",
                value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    /** The frame's lines up to its blank line, and whether anything follows it. */
    private static List<String> lines(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n\n"), text);
        String body = text.substring(0, text.length() - 2);
        assertFalse(body.contains("\n\n") || body.contains("\r"), "one event only: " + text);
        return List.of(body.split("\n"));
    }

    private static void assertSafelyReplaced(ChunkRecord chunk) {
        assertEquals(EventTypes.REPLACED, chunk.eventType());
        List<String> lines = lines(chunk.frameBytes());
        assertEquals("id: " + new EventId(2, 41).encode(), lines.get(0));
        assertEquals("event: " + EventTypes.REPLACED, lines.get(1));
        for (String line : lines.subList(2, lines.size())) {
            assertTrue(line.startsWith("data: "), "no other field: " + line);
        }
        assertFalse(chunk.terminal());
    }

    @Test
    void aHeaderTypeWithLineBreaksIsFramedAsTheReplacementType() {
        assertSafelyReplaced(ChunkRecordReader.read(record(INJECTION, INJECTION)).orElseThrow());
    }

    @Test
    void aValueTypeWithLineBreaksIsFramedAsTheReplacementTypeWhenThereIsNoHeader() {
        assertSafelyReplaced(ChunkRecordReader.read(record(null, INJECTION)).orElseThrow());
    }

    @Test
    void aCarriageReturnOrNulInTheTypeIsReplaced() {
        assertSafelyReplaced(ChunkRecordReader.read(record("text.delta\revent: x", "text.delta")).orElseThrow());
        assertSafelyReplaced(ChunkRecordReader.read(record("x.a\0", "x.a")).orElseThrow());
    }

    @Test
    void aThinkingDeltaIsFramedUnderItsOwnType() {
        ChunkRecord chunk = ChunkRecordReader.read(record("thinking.delta", "thinking.delta")).orElseThrow();

        assertEquals("thinking.delta", chunk.eventType());
        assertEquals("event: thinking.delta", lines(chunk.frameBytes()).get(1));
        assertFalse(chunk.terminal());
    }

    @Test
    void aRelayEventTypeFromTheTopicIsReplaced() {
        assertSafelyReplaced(ChunkRecordReader.read(record("stream.reconnect", "stream.reconnect")).orElseThrow());
    }

    @Test
    void aTypeOutsideTheVocabularyIsReplaced() {
        assertSafelyReplaced(ChunkRecordReader.read(record("citation", "citation")).orElseThrow());
    }

    @Test
    void knownAndExtensionTypesAreFramedAsTheyAre() {
        ChunkRecord delta = ChunkRecordReader.read(record("text.delta", "text.delta")).orElseThrow();
        assertEquals("event: text.delta", lines(delta.frameBytes()).get(1));
        ChunkRecord extension = ChunkRecordReader.read(record("x.acme.citation", "x.acme.citation")).orElseThrow();
        assertEquals("event: x.acme.citation", lines(extension.frameBytes()).get(1));
    }

    @Test
    void theFrameBuilderRefusesAFieldValueWithALineBreak() {
        for (String type : List.of("a\nb", "a\rb", "a\0b")) {
            assertThrows(IllegalArgumentException.class, () -> SseFrames.event(new EventId(0, 1), type, new byte[]{'{', '}'}));
            assertThrows(IllegalArgumentException.class, () -> SseFormat.control(type, "{}"));
        }
    }
}
