package tokenstream.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkRecordPartsTest {
    private static final ChunkEvent DELTA = new ChunkEvent.TextDelta("conv-1", "resp-1", 7,
            Instant.parse("2026-01-01T00:00:00Z"), "Hé\nllo");

    @Test
    void theKeyIsTheConversationId() {
        assertEquals("conv-1", ChunkRecordParts.of(DELTA).key());
    }

    @Test
    void theValueIsTheCodecsJson() {
        assertArrayEquals(ChunkEventCodec.write(DELTA), ChunkRecordParts.of(DELTA).value());
    }

    @Test
    void theHeadersAreTypeResponseIdAndSeqInThatOrder() {
        Map<String, String> headers = ChunkRecordParts.of(DELTA).headers();

        assertEquals(List.of(EventHeaders.EVENT_TYPE, EventHeaders.RESPONSE_ID, EventHeaders.SEQ),
                List.copyOf(headers.keySet()));
        assertEquals(List.of("text.delta", "resp-1", "7"), List.copyOf(headers.values()));
    }

    @Test
    void theEventReadsBackFromTheValue() {
        assertEquals(DELTA, ChunkRecordParts.of(DELTA).event());
    }

    @Test
    void aValueThatIsNoEventIsRejectedWhenRead() {
        ChunkRecordParts parts = new ChunkRecordParts("conv-1", "not json".getBytes(), Map.of());

        assertThrows(MalformedEventException.class, parts::event);
    }

    @Test
    void encodedHeadersAreUtf8InTheSameOrder() {
        ChunkRecordParts parts = new ChunkRecordParts("c", new byte[0], new java.util.LinkedHashMap<>(Map.of("b", "é")));

        Map<String, byte[]> encoded = parts.encodedHeaders();

        assertArrayEquals(new byte[]{(byte) 0xC3, (byte) 0xA9}, encoded.get("b"));
        assertEquals(List.copyOf(ChunkRecordParts.of(DELTA).headers().keySet()),
                List.copyOf(ChunkRecordParts.of(DELTA).encodedHeaders().keySet()));
    }

    @Test
    void headerTextReadsUtf8() {
        assertEquals("é-1", ChunkRecordParts.headerText(new byte[]{(byte) 0xC3, (byte) 0xA9, '-', '1'}));
    }
}
