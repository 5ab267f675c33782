package tokenstream.relay.tail;

import java.nio.ByteBuffer;

/**
 * Where records' SSE frames live: off the Java heap, in slices of 64 KiB direct slabs. A frame written to thousands of
 * sockets is then handed to each socket as it is (a heap array is copied into direct memory again for every single
 * write), and the recent-events window stops being young-generation garbage that every collection copies. A slab is one
 * native allocation and one cleaner for a few hundred frames; the GC frees it once no frame in it is referenced.
 * One per thread: the tail and each catch-up reader frame their own records.
 */
final class FrameMemory {
    static final int SLAB_BYTES = 64 * 1024;
    private static final ThreadLocal<FrameMemory> OF_THIS_THREAD = ThreadLocal.withInitial(FrameMemory::new);

    private ByteBuffer slab = ByteBuffer.allocateDirect(0);

    static FrameMemory ofThisThread() {
        return OF_THIS_THREAD.get();
    }

    /** A read-only direct copy of {@code frame}. */
    ByteBuffer copy(byte[] frame) {
        if (frame.length > SLAB_BYTES / 4) {
            // A large frame would waste the rest of a slab; it gets an allocation of its own.
            return ByteBuffer.allocateDirect(frame.length).put(frame).flip().asReadOnlyBuffer();
        }
        if (slab.remaining() < frame.length) {
            slab = ByteBuffer.allocateDirect(SLAB_BYTES);
        }
        ByteBuffer slice = slab.slice(slab.position(), frame.length);
        slab.position(slab.position() + frame.length);
        return slice.put(frame).flip().asReadOnlyBuffer();
    }
}
