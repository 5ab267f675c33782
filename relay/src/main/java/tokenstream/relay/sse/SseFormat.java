package tokenstream.relay.sse;

import io.vertx.core.buffer.Buffer;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.charset.StandardCharsets;

/** The text/event-stream framing of records and of the relay's own {@code stream.*} events. */
public final class SseFormat {
    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "\nevent: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "\ndata: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private SseFormat() {
    }

    /** Appends one record as an SSE event whose id is its Kafka position. */
    public static void append(Buffer buffer, ChunkRecord record) {
        buffer.appendBytes(ID).appendString(record.eventId().encode())
                .appendBytes(EVENT).appendString(record.eventType());
        appendData(buffer, record.value());
        buffer.appendBytes(END);
    }

    /** A relay event: no id, so it never becomes the client's resume position. */
    public static Buffer control(String event, String json) {
        Buffer buffer = Buffer.buffer(json.length() + 64).appendString("event: ").appendString(event);
        appendData(buffer, json.getBytes(StandardCharsets.UTF_8));
        return buffer.appendBytes(END);
    }

    public static Buffer retry(long millis) {
        return Buffer.buffer("retry: " + millis + "\n\n");
    }

    public static Buffer heartbeat() {
        return Buffer.buffer(": keep-alive\n\n");
    }

    // A value with line breaks (hand-written records) must become several data: lines, or the client
    // would read the rest as new fields.
    private static void appendData(Buffer buffer, byte[] value) {
        buffer.appendBytes(DATA);
        int lineStart = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                buffer.appendBytes(value, lineStart, i - lineStart).appendBytes(DATA);
                if (value[i] == '\r' && i + 1 < value.length && value[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        buffer.appendBytes(value, lineStart, value.length - lineStart);
    }
}
