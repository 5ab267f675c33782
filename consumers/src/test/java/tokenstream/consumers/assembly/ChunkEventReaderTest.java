package tokenstream.consumers.assembly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.MalformedEventException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChunkEventReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T12:00:00Z", "2026-12-05T12:00:00.1Z", "2026-12-05T12:00:00.123Z",
            "1999-02-28T23:59:59.123456Z", "2024-02-29T00:00:00.123456789Z", "0001-01-01T00:00:00Z"})
    void textDeltaAsIngestWritesItIsReadWithoutTheCodecToTheSameEvent(String timestamp) {
        ChunkEvent.TextDelta delta = new ChunkEvent.TextDelta("c1", "r1", 7, Instant.parse(timestamp),
                " caf\u00e9 \"q\"\n\u2014 \ud83d\ude00");
        byte[] value = ChunkEventCodec.write(delta);

        assertNotNull(ChunkEventReader.plainTextDelta(value), "the plain form is read on the fast path");
        assertEquals(ChunkEventCodec.read(value), ChunkEventReader.read(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\",\"extra\":1}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"seq\":2,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":3.0,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":-1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":99999999999999999999,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":5}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00+01:00\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-31T23:59:60Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-02-30T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00.Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"} trailing",
            "{\"type\":\"response.started\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":0,\"timestamp\":\"2026-12-05T12:00:00Z\",\"model\":\"m\"}",
            "{\"type\":\"later.type\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\"",
            "[1,2]",
            "not json"})
    void everyOtherValueGetsTheCodecsOwnAnswer(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);

        assertNull(ChunkEventReader.plainTextDelta(value));
        assertEquals(answer(() -> ChunkEventCodec.read(value)), answer(() -> ChunkEventReader.read(value)));
    }

    @Test
    void nullValueGetsTheCodecsOwnAnswer() {
        assertEquals(answer(() -> ChunkEventCodec.read((byte[]) null)), answer(() -> ChunkEventReader.read(null)));
    }

    /** The event read, or the error message a reader refused it with: two readers agree when these are equal. */
    static Object answer(java.util.function.Supplier<ChunkEvent> read) {
        try {
            return read.get();
        } catch (MalformedEventException e) {
            return "malformed: " + e.getMessage();
        }
    }
}
