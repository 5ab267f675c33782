package tokenstream.relay.tail;

import tokenstream.protocol.sse.SseFrames;

import java.nio.ByteBuffer;

/**
 * Where records' SSE frames live: off the Java heap, in 64 KiB direct slabs. A frame written to thousands of
 * sockets is then handed to each socket as it is (a heap array is copied into direct memory again for every single
 * write), and the recent-events window stops being young-generation garbage that every collection copies. A slab is one
 * native allocation and one cleaner for a few hundred frames; the GC frees it once no record in it is referenced.
 * A record keeps the slab and its frame's place in it, not a buffer object of its own: the window keeps minutes of
 * records, and each young collection copies every one it keeps.
 * One per thread: the tail and each catch-up reader frame their own records.
 */
final class FrameMemory {
    static final int SLAB_BYTES = 64 * 1024;
    private static final ThreadLocal<FrameMemory> OF_THIS_THREAD = ThreadLocal.withInitial(FrameMemory::new);

    private ByteBuffer slab = ByteBuffer.allocateDirect(0);
    private ByteBuffer readOnlySlab = slab.asReadOnlyBuffer();

    static FrameMemory ofThisThread() {
        return OF_THIS_THREAD.get();
    }

    /**
     * A record's SSE frame ({@link SseFrames#writeEvent}) written straight into direct memory: no heap array of
     * the frame is built for each record only to be copied here.
     */
    FramePlace event(byte[] fields, byte[] data) {
        int length = SseFrames.eventLength(fields, data);
        ByteBuffer out = room(length);
        int offset = out.position();
        SseFrames.writeEvent(out, fields, data);
        return placed(out, offset, length);
    }

    /** The slab with room for {@code length} more bytes, or, for a large frame, an allocation of its own. */
    private ByteBuffer room(int length) {
        if (length > SLAB_BYTES / 4) {
            // A large frame would waste the rest of a slab.
            return ByteBuffer.allocateDirect(length);
        }
        if (slab.remaining() < length) {
            slab = ByteBuffer.allocateDirect(SLAB_BYTES);
            readOnlySlab = slab.asReadOnlyBuffer();
        }
        return slab;
    }

    private FramePlace placed(ByteBuffer memory, int offset, int length) {
        return new FramePlace(memory == slab ? readOnlySlab : memory.asReadOnlyBuffer(), offset, length);
    }
}
