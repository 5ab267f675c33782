package tokenstream.relay.sse;

import io.vertx.core.buffer.Buffer;
import tokenstream.protocol.sse.SseFrames;
import tokenstream.relay.tail.ChunkRecord;

import java.util.List;

/** The relay's frames ({@link SseFrames}) as Vert.x buffers: records' events and the relay's own {@code stream.*} events. */
public final class SseFormat {
    private SseFormat() {
    }

    /** The records' events, in order, as one buffer; one record's frame is wrapped, not copied. */
    public static Buffer events(List<ChunkRecord> records) {
        if (records.size() == 1) {
            return Buffer.buffer(records.get(0).frame());
        }
        int size = 0;
        for (ChunkRecord record : records) {
            size += record.frame().length;
        }
        Buffer buffer = Buffer.buffer(size);
        for (ChunkRecord record : records) {
            buffer.appendBytes(record.frame());
        }
        return buffer;
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
