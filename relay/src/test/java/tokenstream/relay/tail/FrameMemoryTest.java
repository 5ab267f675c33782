package tokenstream.relay.tail;

import org.junit.jupiter.api.Test;

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

    private static byte[] frame(int n, int size) {
        byte[] bytes = new byte[size];
        byte[] label = ("frame " + n + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            bytes[i] = label[i % label.length];
        }
        return bytes;
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
    void framesAcrossManySlabsKeepTheirBytes() {
        List<byte[]> written = new ArrayList<>();
        List<ByteBuffer> copies = new ArrayList<>();
        // 3 KB frames do not divide 64 KiB: some land at the end of a slab, the next one starts a new slab.
        for (int n = 0; n < 200; n++) {
            byte[] frame = frame(n, 3000 + n % 7);
            written.add(frame);
            copies.add(frameOf(memory.copy(frame)));
        }
        for (int n = 0; n < written.size(); n++) {
            assertArrayEquals(written.get(n), bytes(copies.get(n)), "frame " + n);
        }
    }

    @Test
    void aFrameLargerThanASlabIsKeptWhole() {
        byte[] big = frame(1, FrameMemory.SLAB_BYTES * 2 + 11);
        assertArrayEquals(big, bytes(frameOf(memory.copy(big))));
    }

    @Test
    void framesAreDirectAndReadOnly() {
        ByteBuffer copy = frameOf(memory.copy(frame(1, 100)));
        assertTrue(copy.isDirect());
        assertThrows(ReadOnlyBufferException.class, () -> copy.put(0, (byte) 'x'));
    }

    @Test
    void framesCopiedOneAfterAnotherShareOneSlab() {
        FramePlace first = memory.copy(frame(1, 100));
        FramePlace second = memory.copy(frame(2, 100));

        assertSame(first.memory(), second.memory());
        assertEquals(first.offset() + 100, second.offset());
    }

    @Test
    void eachViewOfARecordsFrameHasItsOwnPosition() {
        byte[] bytes = frame(1, 100);
        ChunkRecord record = new ChunkRecord(0, 7, "c", "r", "text.delta", false, false, 0, memory.copy(bytes), null);

        ByteBuffer read = record.frame();
        read.get(new byte[60]);

        assertEquals(40, read.remaining());
        assertArrayEquals(bytes, bytes(record.frame()));
        assertArrayEquals(bytes, record.frameBytes());
    }
}
