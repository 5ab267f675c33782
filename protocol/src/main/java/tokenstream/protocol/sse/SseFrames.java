package tokenstream.protocol.sse;

import tokenstream.protocol.EventId;

import java.nio.ByteBuffer;
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
        return frame(eventFields(id, eventType), data);
    }

    /**
     * The field lines that open a record's frame ({@code id: <position>}, {@code event: <type>}), for
     * {@link #eventLength} and {@link #writeEvent}: a server that frames into memory of its own (a shared slab)
     * writes {@link #event}'s bytes there without building them in an array first.
     *
     * @throws IllegalArgumentException if the type holds CR, LF or NUL
     */
    public static byte[] eventFields(EventId id, String eventType) {
        return ("id: " + id.encode() + "\nevent: " + requireFieldValue(eventType) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The length in bytes of the frame of {@code fields} (from {@link #eventFields}) and {@code data}. */
    public static int eventLength(byte[] fields, byte[] data) {
        int length = fields.length + 1;
        int start = 0;
        while (true) {
            int end = lineEnd(data, start);
            length += DATA_FIELD.length + (end - start) + 1;
            if (end == data.length) {
                return length;
            }
            start = afterBreak(data, end);
        }
    }

    /**
     * Writes the frame of {@code fields} and {@code data} ({@link #event}'s bytes) at {@code out}'s position:
     * {@link #eventLength} bytes.
     *
     * @throws java.nio.BufferOverflowException if {@code out} has fewer bytes remaining
     */
    public static void writeEvent(ByteBuffer out, byte[] fields, byte[] data) {
        out.put(fields);
        writeData(out, data);
        out.put((byte) '\n');
    }

    /**
     * An event without an id ({@code event:}, {@code data:} lines, a blank line), so it never becomes the client's
     * resume position: the relay's own {@code stream.*} events.
     *
     * @throws IllegalArgumentException if the type holds CR, LF or NUL
     */
    public static byte[] control(String eventType, String data) {
        return frame(("event: " + requireFieldValue(eventType) + "\n").getBytes(StandardCharsets.UTF_8),
                data.getBytes(StandardCharsets.UTF_8));
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

    private static byte[] frame(byte[] fields, byte[] data) {
        byte[] frame = new byte[eventLength(fields, data)];
        writeEvent(ByteBuffer.wrap(frame), fields, data);
        return frame;
    }

    /**
     * Writes {@code value} as one {@code data:} line per line of it. A value with line breaks (a hand-written
     * record) must become several data lines, or the client would read the rest as new fields.
     */
    private static void writeData(ByteBuffer out, byte[] value) {
        int start = 0;
        while (true) {
            int end = lineEnd(value, start);
            writeLine(out, value, start, end);
            if (end == value.length) {
                return;
            }
            start = afterBreak(value, end);
        }
    }

    /** Where the line starting at {@code from} ends: at the next CR or LF (both end a line for a client), or the end. */
    private static int lineEnd(byte[] value, int from) {
        int i = from;
        while (i < value.length && value[i] != '\n' && value[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Where the next line starts after the break at {@code at}: CRLF is one break. */
    private static int afterBreak(byte[] value, int at) {
        return value[at] == '\r' && at + 1 < value.length && value[at + 1] == '\n' ? at + 2 : at + 1;
    }

    private static void writeLine(ByteBuffer out, byte[] value, int from, int to) {
        out.put(DATA_FIELD).put(value, from, to - from).put((byte) '\n');
    }
}
