package tokenstream.relay.tail;

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

    /** A direct copy of {@code frame}, read-only to whoever reads it. */
    FramePlace copy(byte[] frame) {
        if (frame.length > SLAB_BYTES / 4) {
            // A large frame would waste the rest of a slab; it gets an allocation of its own.
            ByteBuffer own = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
            return new FramePlace(own.asReadOnlyBuffer(), 0, frame.length);
        }
        if (slab.remaining() < frame.length) {
            slab = ByteBuffer.allocateDirect(SLAB_BYTES);
            readOnlySlab = slab.asReadOnlyBuffer();
        }
        int offset = slab.position();
        slab.put(frame);
        return new FramePlace(readOnlySlab, offset, frame.length);
    }
}
