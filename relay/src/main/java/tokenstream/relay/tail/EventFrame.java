package tokenstream.relay.tail;

import tokenstream.protocol.EventId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The text/event-stream framing of one record, built once when the record is read: every client of a
 * conversation receives the same bytes (the id is the Kafka position, the same for everyone), so fan-out to
 * thousands of clients costs one encoding, not one per client.
 */
public final class EventFrame {
    private EventFrame() {
    }

    /**
     * {@code id: <position>}, {@code event: <type>}, the value as {@code data:} lines, a blank line.
     *
     * @throws IllegalArgumentException if the type holds CR, LF or NUL: it would end the field line and let the
     *                                  rest be read as fields of the client's choosing ({@link ChunkRecordReader}
     *                                  replaces such types before they get here)
     */
    public static byte[] of(EventId id, String eventType, byte[] value) {
        requireFieldValue(eventType);
        String fields = "id: " + id.encode() + "\nevent: " + eventType + "\n";
        if (!hasLineBreak(value)) {
            byte[] head = (fields + "data: ").getBytes(StandardCharsets.UTF_8);
            // Every value the pipeline writes is one line of JSON: copy it once into an array of the exact size.
            byte[] frame = new byte[head.length + value.length + 2];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(value, 0, frame, head.length, value.length);
            frame[frame.length - 2] = '\n';
            frame[frame.length - 1] = '\n';
            return frame;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 64);
        out.writeBytes(fields.getBytes(StandardCharsets.UTF_8));
        writeData(out, value);
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * Writes {@code value} as one {@code data:} line per line of it. A value with line breaks (a hand-written
     * record) must become several data lines, or the client would read the rest as new fields.
     */
    public static void writeData(ByteArrayOutputStream out, byte[] value) {
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

    /**
     * Checks a value for a single-line SSE field ({@code event:}, {@code id:}): CR or LF would end the line there,
     * NUL makes browsers ignore an {@code id}.
     *
     * @return the value
     * @throws IllegalArgumentException if it holds CR, LF or NUL
     */
    public static String requireFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new IllegalArgumentException("an SSE field value cannot hold CR, LF or NUL (at index " + i + ")");
            }
        }
        return value;
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
        out.write('d');
        out.write('a');
        out.write('t');
        out.write('a');
        out.write(':');
        out.write(' ');
        out.write(value, from, to - from);
        out.write('\n');
    }
}
