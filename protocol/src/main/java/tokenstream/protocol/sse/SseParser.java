package tokenstream.protocol.sse;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental text/event-stream parser following the WHATWG rules, as a browser's EventSource reads a stream:
 * a leading byte order mark is skipped; CRLF, LF and CR each end a line; {@code data} lines are joined with LF;
 * an {@code id} holding NUL is ignored; {@code retry} is taken only when it is all ASCII digits; comment lines and
 * unknown fields are ignored; a blank line dispatches the event if it has data; an event not ended by a blank line
 * when the stream ends is never dispatched.
 *
 * <p>It is fed whatever a read returned, bytes or chars, and keeps every state across the end of a chunk, including
 * a CRLF or a UTF-8 sequence split between two chunks (lines are decoded from UTF-8 only once they are complete;
 * malformed UTF-8 becomes U+FFFD). Feed one stream in one form. It copies bytes into two buffers that grow to the
 * longest line and the largest event and are reused, so a load generator can run thousands of them. One instance
 * per stream; not thread-safe.
 */
public final class SseParser {

    /** What the stream says. Callbacks run on the feeding thread, during {@code feed}. */
    public interface Listener {
        /** One dispatched event. */
        void onEvent(SseEvent event);

        /** A valid {@code retry} line: the reconnection delay the server asks for. */
        default void onRetry(long millis) {
        }

        /** A comment line, without its colon and the one space after it. */
        default void onComment(String text) {
        }
    }

    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Listener listener;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCr;
    private boolean firstLine = true;
    private char pendingHighSurrogate;

    private byte[] data = new byte[256];
    private int dataLength;
    private boolean hasData;
    private String id;
    private String eventType;
    private String lastEventId;
    // The last type seen and its bytes: a stream repeats a few types, so most events reuse the string.
    private byte[] typeBytes = new byte[0];
    private String typeText = SseEvent.DEFAULT_TYPE;

    public SseParser(Listener listener) {
        this.listener = listener;
    }

    /**
     * The id a client would send as {@code Last-Event-ID} now: the value of the last {@code id} line read (an empty
     * one resets it to empty), or null before any.
     */
    public String lastEventId() {
        return lastEventId;
    }

    /** Consumes {@code bytes}. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** Consumes {@code length} bytes of {@code bytes} from {@code offset}. */
    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            next(bytes[i]);
        }
    }

    /** Consumes every remaining byte of {@code buffer}. */
    public void feed(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        while (buffer.hasRemaining()) {
            next(buffer.get());
        }
    }

    /** Consumes {@code chars}; a surrogate pair may be split between two calls. */
    public void feed(CharSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            char c = chars.charAt(i);
            if (c < 0x80 && pendingHighSurrogate == 0) {
                next((byte) c);
            } else {
                encode(c);
            }
        }
    }

    private void encode(char c) {
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                next((byte) (0xF0 | cp >> 18));
                next((byte) (0x80 | cp >> 12 & 0x3F));
                next((byte) (0x80 | cp >> 6 & 0x3F));
                next((byte) (0x80 | cp & 0x3F));
                return;
            }
            replacement();
        }
        if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            replacement();
        } else if (c < 0x80) {
            next((byte) c);
        } else if (c < 0x800) {
            next((byte) (0xC0 | c >> 6));
            next((byte) (0x80 | c & 0x3F));
        } else {
            next((byte) (0xE0 | c >> 12));
            next((byte) (0x80 | c >> 6 & 0x3F));
            next((byte) (0x80 | c & 0x3F));
        }
    }

    /** A lone surrogate, as a UTF-8 decoder would read it: U+FFFD. */
    private void replacement() {
        next((byte) 0xEF);
        next((byte) 0xBF);
        next((byte) 0xBD);
    }

    private void next(byte b) {
        if (b == '\n') {
            if (afterCr) {
                // the LF of a CRLF whose CR already ended the line
                afterCr = false;
                return;
            }
            endLine();
        } else if (b == '\r') {
            endLine();
            afterCr = true;
        } else {
            afterCr = false;
            if (lineLength == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    private void endLine() {
        int start = 0;
        if (firstLine) {
            firstLine = false;
            if (startsWith(line, 0, lineLength, BOM)) {
                start = BOM.length;
            }
        }
        int length = lineLength;
        lineLength = 0;
        if (start == length) {
            dispatch();
            return;
        }
        if (line[start] == ':') {
            int text = start + 1 < length && line[start + 1] == ' ' ? start + 2 : start + 1;
            listener.onComment(decode(line, text, length));
            return;
        }
        int colon = indexOf(line, start, length, (byte) ':');
        int fieldEnd = colon < 0 ? length : colon;
        int value = colon < 0 ? length : colon + 1;
        if (value < length && line[value] == ' ') {
            value++;
        }
        if (is(DATA, start, fieldEnd)) {
            appendData(value, length);
        } else if (is(ID, start, fieldEnd)) {
            if (indexOf(line, value, length, (byte) 0) < 0) {
                id = decode(line, value, length);
                lastEventId = id;
            }
        } else if (is(EVENT, start, fieldEnd)) {
            eventType = type(value, length);
        } else if (is(RETRY, start, fieldEnd)) {
            retry(value, length);
        }
    }

    private void appendData(int from, int to) {
        int needed = dataLength + (hasData ? 1 : 0) + to - from;
        if (needed > data.length) {
            data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
        }
        if (hasData) {
            data[dataLength++] = '\n';
        }
        System.arraycopy(line, from, data, dataLength, to - from);
        dataLength += to - from;
        hasData = true;
    }

    private void retry(int from, int to) {
        // Only digits count; more than 18 cannot overflow a long and no server means that many milliseconds.
        if (from == to || to - from > 18) {
            return;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            if (line[i] < '0' || line[i] > '9') {
                return;
            }
            millis = millis * 10 + (line[i] - '0');
        }
        listener.onRetry(millis);
    }

    private void dispatch() {
        if (hasData) {
            String type = eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
            listener.onEvent(new SseEvent(id, type, decode(data, 0, dataLength)));
        }
        id = null;
        eventType = null;
        dataLength = 0;
        hasData = false;
    }

    private String type(int from, int to) {
        if (!Arrays.equals(typeBytes, 0, typeBytes.length, line, from, to)) {
            typeBytes = Arrays.copyOfRange(line, from, to);
            typeText = decode(line, from, to);
        }
        return typeText;
    }

    private boolean is(byte[] name, int from, int to) {
        return Arrays.equals(name, 0, name.length, line, from, to);
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(prefix, 0, prefix.length, bytes, from, from + prefix.length);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
