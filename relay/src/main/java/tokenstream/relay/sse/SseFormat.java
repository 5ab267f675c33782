package tokenstream.relay.sse;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import tokenstream.protocol.sse.SseFrames;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.ByteBuffer;
import java.util.List;

/** The relay's frames ({@link SseFrames}) as Vert.x buffers: records' events and the relay's own {@code stream.*} events. */
public final class SseFormat {
    private SseFormat() {
    }

    /**
     * The records' events, in order, as one buffer. The frames are wrapped, never copied: one frame in memory serves
     * every client's write.
     */
    public static Buffer events(List<ChunkRecord> records) {
        if (records.size() == 1) {
            return Buffer.buffer(Unpooled.wrappedBuffer(records.get(0).frame()));
        }
        ByteBuffer[] frames = new ByteBuffer[records.size()];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = records.get(i).frame();
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(frames));
    }

    /** A relay event: no id, so it never becomes the client's resume position. */
    public static Buffer control(String event, String json) {
        return Buffer.buffer(SseFrames.control(event, json));
    }

    public static Buffer retry(long millis) {
        return Buffer.buffer(SseFrames.retry(millis));
    }

    public static Buffer heartbeat() {
        return Buffer.buffer(SseFrames.HEARTBEAT);
    }
}
