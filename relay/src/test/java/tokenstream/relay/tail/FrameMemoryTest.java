package tokenstream.relay.tail;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.protocol.sse.SseFrames;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameMemoryTest {
    private final FrameMemory memory = new FrameMemory();

    /** A record value of {@code size} bytes, one line unless {@code lineBreak} is put between its labels. */
    private static byte[] value(int n, int size, String lineBreak) {
        byte[] bytes = new byte[size];
        byte[] label = ("value " + n + lineBreak).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = label[i % label.length];
        }
        return bytes;
    }

    private FramePlace event(int n, byte[] value) {
        return memory.event(SseFrames.eventFields(new EventId(0, n), "text.delta"), value);
    }

    /** What a client must receive for record {@code n} with {@code value}: protocol's framing, byte for byte. */
    private static byte[] expected(int n, byte[] value) {
        return SseFrames.event(new EventId(0, n), "text.delta", value);
    }

    /** The frame at {@code place}, read as the relay reads it: through the record that keeps the place. */
    private static ByteBuffer frameOf(FramePlace place) {
        return new ChunkRecord(0, 7, "c", "r", "text.delta", false, false, 0, place, null).frame();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    @Test
    void eventsFramedAcrossManySlabsKeepTheirBytes() {
        List<byte[]> values = new ArrayList<>();
        List<ByteBuffer> frames = new ArrayList<>();
        // 3 KB frames do not divide 64 KiB: some land at the end of a slab, the next one starts a new slab.
        for (int n = 0; n < 200; n++) {
            byte[] value = value(n, 3000 + n % 7, " ");
            values.add(value);
            frames.add(frameOf(event(n, value)));
        }
        for (int n = 0; n < values.size(); n++) {
            assertArrayEquals(expected(n, values.get(n)), bytes(frames.get(n)), "frame " + n);
        }
    }

    @Test
    void aValueWithLineBreaksIsFramedAsOneDataLinePerLine() {
        byte[] value = value(3, 200, "\r\n");
        assertArrayEquals(expected(3, value), bytes(frameOf(event(3, value))));
    }

    @Test
    void aFrameLargerThanASlabIsKeptWhole() {
        byte[] big = value(1, FrameMemory.SLAB_BYTES * 2 + 11, " ");
        assertArrayEquals(expected(1, big), bytes(frameOf(event(1, big))));
    }

    @Test
    void framesAreDirectAndReadOnly() {
        ByteBuffer frame = frameOf(event(1, value(1, 100, " ")));
        assertTrue(frame.isDirect());
        assertThrows(ReadOnlyBufferException.class, () -> frame.put(0, (byte) 'x'));
    }

    @Test
    void framesWrittenOneAfterAnotherShareOneSlab() {
        FramePlace first = event(1, value(1, 100, " "));
        FramePlace second = event(2, value(2, 100, " "));

        assertSame(first.memory(), second.memory());
        assertEquals(first.offset() + first.length(), second.offset());
    }

    @Test
    void eachViewOfARecordsFrameHasItsOwnPosition() {
        byte[] value = value(1, 100, " ");
        byte[] bytes = expected(1, value);
        ChunkRecord record = new ChunkRecord(0, 7, "c", "r", "text.delta", false, false, 0, event(1, value), null);

        ByteBuffer read = record.frame();
        read.get(new byte[60]);

        assertEquals(bytes.length - 60, read.remaining());
        assertArrayEquals(bytes, bytes(record.frame()));
        assertArrayEquals(bytes, record.frameBytes());
    }
}
