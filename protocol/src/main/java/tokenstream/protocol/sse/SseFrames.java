package tokenstream.protocol.sse;

import tokenstream.protocol.EventId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream framing every tokenstream server writes: a record's event ({@code id}, {@code event},
 * {@code data}), the relay's own events (no {@code id}), {@code retry} and comments. Frames are plain bytes, built
 * once per record: every client of a conversation receives the same bytes (the id is the Kafka position, the same
 * for everyone), so fan-out to thousands of clients costs one encoding, not one per client.
 *
 * <p>Nothing a producer writes can break the framing: data is split into one {@code data:} line per line of it
 * (CR, LF and CRLF all end a line for a client), and single-line field values ({@code event}, {@code id}, a
 * comment) holding CR, LF or NUL are refused.
 */
public final class SseFrames {
    /** The comment a server sends when it has nothing else to say, so that proxies keep the connection open. */
    public static final String HEARTBEAT = ": keep-alive\n\n";

    private static final byte[] DATA_FIELD = {'d', 'a', 't', 'a', ':', ' '};

    private SseFrames() {
    }

    /**
     * {@code id: <position>}, {@code event: <type>}, the value as {@code data:} lines, a blank line.
     *
     * @throws IllegalArgumentException if the type holds CR, LF or NUL: it would end the field line and let the
     *                                  rest be read as fields of the writer's choosing
     */
    public static byte[] event(EventId id, String eventType, byte[] data) {
        requireFieldValue(eventType);
        String fields = "id: " + id.encode() + "\nevent: " + eventType + "\n";
        if (!hasLineBreak(data)) {
            byte[] head = (fields + "data: ").getBytes(StandardCharsets.UTF_8);
            // Every value the pipeline writes is one line of JSON: copy it once into an array of the exact size.
            byte[] frame = new byte[head.length + data.length + 2];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(data, 0, frame, head.length, data.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        out.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        writeData(out, data);
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * An event without an id ({@code event:}, {@code data:} lines, a blank line), so it never becomes the client's
     * resume position: the relay's own {@code stream.*} events.
     *
     * @throws IllegalArgumentException if the type holds CR, LF or NUL
     */
    public static byte[] control(String eventType, String data) {
        byte[] value = data.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 64);
        out.writeBytes(("event: " + requireFieldValue(eventType) + "\n").getBytes(StandardCharsets.UTF_8));
        writeData(out, value);
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code retry: <millis>} on its own: how long a client waits before it reconnects. */
    public static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }

    /**
     * A comment ({@code : text}) on its own; clients ignore it.
     *
     * @throws IllegalArgumentException if the text holds CR, LF or NUL
     */
    public static String comment(String text) {
        return ": " + requireFieldValue(text) + "\n\n";
    }

    /** Whether {@code value} can be a single-line SSE field value: it holds no CR, LF or NUL. */
    public static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a value for a single-line SSE field ({@code event:}, {@code id:}): CR or LF would end the line there,
     * NUL makes clients ignore an {@code id}.
     *
     * @return the value
     * @throws IllegalArgumentException if it holds CR, LF or NUL
     */
    public static String requireFieldValue(String value) {
        if (!isFieldValue(value)) {
            int at = 0;
            while (value.charAt(at) != '\n' && value.charAt(at) != '\r' && value.charAt(at) != '\0') {
                at++;
            }
            throw new IllegalArgumentException("an SSE field value cannot hold CR, LF or NUL (at index " + at + ")");
        }
        return value;
    }

    /**
     * Writes {@code value} as one {@code data:} line per line of it. A value with line breaks (a hand-written
     * record) must become several data lines, or the client would read the rest as new fields.
     */
    private static void writeData(ByteArrayOutputStream out, byte[] value) {
        int lineStart = 0;
        for (int i = 0; i < value.length; i++) {
            if (value[i] == '\n' || value[i] == '\r') {
                writeLine(out, value, lineStart, i);
                if (value[i] == '\r' && i + 1 < value.length && value[i + 1] == '\n') {
                    i++;
                }
                lineStart = i + 1;
            }
        }
        writeLine(out, value, lineStart, value.length);
    }

    private static boolean hasLineBreak(byte[] value) {
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void writeLine(ByteArrayOutputStream out, byte[] value, int from, int to) {
        out.write(DATA_FIELD, 0, DATA_FIELD.length);
        out.write(value, from, to - from);
        out.write('\n');
    }
}
