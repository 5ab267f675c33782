package tokenstream.consumers.assembly;

import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.UtcInstants;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A text delta in the very bytes ingest writes ({@link ChunkEventCodec#write}): no whitespace, its six fields in the
 * codec's order, ids and text in ASCII with JSON's escapes. Almost every chunks record has this form, and reading it
 * byte by byte costs a fraction of a parser (the streaming parse was a quarter of the assembly's CPU in issue 16's
 * profile). Anything else, valid JSON or not, gets null and goes to the parser, so this reader only ever accepts a
 * value that the codec reads to the same event.
 */
final class CompactTextDelta {
    private static final byte[] HEAD = ascii("{\"type\":\"text.delta\",\"conversation_id\":\"");
    private static final byte[] RESPONSE_ID = ascii(",\"response_id\":\"");
    private static final byte[] SEQ = ascii(",\"seq\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
    private static final byte[] TEXT = ascii(",\"text\":\"");
    /**
     * Larger values go to the parser, whose limits (a string of at most 20 million characters) then apply; a chunks
     * record is far smaller.
     */
    private static final int MAX_BYTES = 1 << 20;
    /** Digits of the largest seq read here; a longer one could overflow a long and goes to the parser. */
    private static final int MAX_SEQ_DIGITS = 18;

    private final byte[] value;
    private int at;

    private CompactTextDelta(byte[] value) {
        this.value = value;
    }

    /** The text delta, or null when the value is anything but a text delta in ingest's compact ASCII form. */
    static ChunkEvent.TextDelta read(byte[] value) {
        return new CompactTextDelta(value).delta();
    }

    private ChunkEvent.TextDelta delta() {
        if (value == null || value.length > MAX_BYTES || !literal(HEAD)) {
            return null;
        }
        String conversationId = string();
        if (conversationId == null || conversationId.isEmpty() || !literal(RESPONSE_ID)) {
            return null;
        }
        String responseId = string();
        if (responseId == null || responseId.isEmpty() || !literal(SEQ)) {
            return null;
        }
        long seq = seq();
        if (seq < 0 || !literal(TIMESTAMP)) {
            return null;
        }
        String timestamp = string();
        if (timestamp == null || !literal(TEXT)) {
            return null;
        }
        String text = string();
        if (text == null || at != value.length - 1 || value[at] != '}') {
            return null;
        }
        Instant instant = UtcInstants.parse(timestamp);
        return instant == null ? null : new ChunkEvent.TextDelta(conversationId, responseId, seq, instant, text);
    }

    private boolean literal(byte[] expected) {
        if (value.length - at < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (value[at + i] != expected[i]) {
                return false;
            }
        }
        at += expected.length;
        return true;
    }

    /** The string whose opening quote was just read, up to its closing quote; null if it leaves the form. */
    private String string() {
        int start = at;
        for (int i = start; i < value.length; i++) {
            byte b = value[i];
            if (b == '"') {
                at = i + 1;
                return new String(value, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\') {
                return escapedString(start);
            }
            if (b < 0x20) { // a control character JSON requires escaped, or (negative) a byte of a non-ASCII character
                return null;
            }
        }
        return null;
    }

    private String escapedString(int start) {
        StringBuilder out = new StringBuilder(value.length - start);
        int i = start;
        while (i < value.length) {
            byte b = value[i++];
            if (b == '"') {
                at = i;
                return out.toString();
            }
            if (b < 0x20) {
                return null;
            }
            if (b != '\\') {
                out.append((char) b);
                continue;
            }
            if (i >= value.length) {
                return null;
            }
            byte kind = value[i++];
            char escaped;
            if (kind == 'u') {
                escaped = unicode(i);
                i += 4;
            } else {
                escaped = shortEscape(kind);
            }
            if (Character.isSurrogate(escaped)) {
                return null; // half of a pair, or not an escape of JSON: the parser's rules apply
            }
            out.append(escaped);
        }
        return null;
    }

    /** The character a two-character escape stands for, or a surrogate (refused) if JSON has no such escape. */
    private static char shortEscape(byte kind) {
        return switch (kind) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            default -> Character.MIN_SURROGATE;
        };
    }

    /** The character of the four hex digits at {@code from}, or a surrogate (refused) if they are not four. */
    private char unicode(int from) {
        if (value.length - from < 4) {
            return Character.MIN_SURROGATE;
        }
        int code = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(value[i], 16);
            if (digit < 0) {
                return Character.MIN_SURROGATE;
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    /** A non-negative integer without leading zeros; -1 if the value leaves the form. */
    private long seq() {
        int start = at;
        long seq = 0;
        while (at < value.length && value[at] >= '0' && value[at] <= '9') {
            seq = seq * 10 + (value[at] - '0');
            at++;
        }
        int digits = at - start;
        if (digits == 0 || digits > MAX_SEQ_DIGITS || (digits > 1 && value[start] == '0')) {
            return -1;
        }
        return seq;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
