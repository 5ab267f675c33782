package tokenstream.relay.tail;

import java.nio.ByteBuffer;

/**
 * Where {@link FrameMemory} put a frame: the read-only slab it shares with other frames, and its bytes' place there.
 * A {@link ChunkRecord} keeps the three, and reads the frame through {@link ChunkRecord#frame()}.
 *
 * @param memory the slab, read-only
 * @param offset the frame's first byte in {@code memory}
 * @param length the frame's length in bytes
 */
record FramePlace(ByteBuffer memory, int offset, int length) {
}
