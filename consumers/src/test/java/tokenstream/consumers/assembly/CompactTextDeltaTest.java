package tokenstream.consumers.assembly;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.consumers.assembly.ChunkEventReaderTest.answer;

class CompactTextDeltaTest {
    private static final Instant AT = Instant.parse("2026-12-05T12:00:00.120Z");

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", " quoted \"word\"", "back\\slash", "line\nbreak\r\ttab", "\u0001\u001f\u0000",
            "\u007f", "/a/b/", "\b\f", "{\"json\":[1,2]}"})
    void ingestsBytesOfAnAsciiTextDeltaAreReadToTheCodecsEvent(String text) {
        byte[] value = ChunkEventCodec.write(new ChunkEvent.TextDelta("conv \"1\"", "resp\\1", 12, AT, text));

        ChunkEvent.TextDelta read = CompactTextDelta.read(value);

        assertNotNull(read, "ingest's form is read without the parser");
        assertEquals(ChunkEventCodec.read(value), read);
    }

    @Test
    void largestSeqOfEighteenDigitsIsRead() {
        byte[] value = ChunkEventCodec.write(new ChunkEvent.TextDelta("c", "r", 999_999_999_999_999_999L, AT, "a"));

        assertEquals(ChunkEventCodec.read(value), CompactTextDelta.read(value));
    }

    @Test
    void nonAsciiTextIsLeftToTheParser() {
        byte[] value = ChunkEventCodec.write(new ChunkEvent.TextDelta("c", "r", 1, AT, " caf\u00e9 \ud83d\ude00"));

        assertNull(CompactTextDelta.read(value));
        assertEquals(ChunkEventCodec.read(value), ChunkEventReader.read(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"text.delta\", \"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"response_id\":\"r\",\"conversation_id\":\"c\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":07,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1234567890123456789,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1.0,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":-1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"\\ud83d\\ude00\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"\\u12g4\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"\\x\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"\\u00\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\tb\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"} ",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\",\"x\":1}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00+01:00\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-02-30T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"thinking.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":\"a\"}",
            "{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"r\",\"seq\":1,\"timestamp\":\"2026-12-05T12:00:00Z\",\"text\":null}",
            ""})
    void everyOtherValueIsLeftToTheParser(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);

        assertNull(CompactTextDelta.read(value));
        assertEquals(answer(() -> ChunkEventCodec.read(value)), answer(() -> ChunkEventReader.read(value)));
    }

    /**
     * Ingest's bytes with one to three bytes replaced, inserted or removed: whatever the scanner accepts, the codec
     * reads to the same event; what it does not accept it leaves alone.
     */
    @Test
    void aValueTheScannerAcceptsIsOneTheCodecReadsToTheSameEvent() {
        Random random = new Random(16);
        byte[] interesting = "\"\\u0919,}{ :nrtbf/aAdDeE.-".getBytes(StandardCharsets.US_ASCII);
        String[] texts = {"a", "two words", "q\"uote", "b\\s", "\n", "\u0001", "\u007f", "x/y", ""};
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 50_000; round++) {
            byte[] value = ChunkEventCodec.write(new ChunkEvent.TextDelta("c" + random.nextInt(100), "r1",
                    random.nextInt(2_000), AT, texts[random.nextInt(texts.length)]));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                        : interesting[random.nextInt(interesting.length)];
                value = edit(value, random.nextInt(3), random.nextInt(value.length), b);
            }
            ChunkEvent.TextDelta read = CompactTextDelta.read(value);
            if (read == null) {
                refused++;
                continue;
            }
            accepted++;
            byte[] mutant = value;
            assertEquals(answer(() -> ChunkEventCodec.read(mutant)), read,
                    () -> "accepted " + new String(mutant, StandardCharsets.ISO_8859_1));
        }
        assertTrue(accepted > 1_000 && refused > 1_000, "both kinds of mutant: " + accepted + " / " + refused);
    }

    private static byte[] edit(byte[] value, int kind, int at, byte b) {
        if (kind == 0) {
            byte[] out = value.clone();
            out[at] = b;
            return out;
        }
        byte[] out = new byte[kind == 1 ? value.length + 1 : value.length - 1];
        System.arraycopy(value, 0, out, 0, at);
        if (kind == 1) {
            out[at] = b;
            System.arraycopy(value, at, out, at + 1, value.length - at);
        } else {
            System.arraycopy(value, at + 1, out, at, value.length - at - 1);
        }
        return out;
    }
}
