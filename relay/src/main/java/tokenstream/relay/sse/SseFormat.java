package tokenstream.relay.sse;

import io.vertx.core.buffer.Buffer;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.relay.tail.EventFrame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The text/event-stream framing of records and of the relay's own {@code stream.*} events. */
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
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length() + 64);
        out.writeBytes(("event: " + EventFrame.requireFieldValue(event) + "\n").getBytes(StandardCharsets.UTF_8));
        EventFrame.writeData(out, json.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        return Buffer.buffer(out.toByteArray());
    }

    public static Buffer retry(long millis) {
        return Buffer.buffer("retry: " + millis + "\n\n");
    }

    public static Buffer heartbeat() {
        return Buffer.buffer(": keep-alive\n\n");
    }
}
