package tokenstream.consumers.assembly;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventType;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads a chunks record value exactly as {@link ChunkEventCodec#read(byte[])} does, faster for the event that makes
 * up almost every record: a {@code text.delta} in the form ingest writes (its five envelope fields and {@code text},
 * each once, strings where strings belong, an integer seq, a UTC {@code ...Z} timestamp) is read with one pass of
 * the streaming parser, without the tree model, the databind round trip and {@code DateTimeFormatter} that the
 * codec needs for the general case (about a third of the assembly's CPU in the profile of issue 16). Anything else
 * (another type, an extra field, a duplicate, an odd timestamp, an error) goes to the codec, so that every result
 * and every error message stays the codec's own.
 */
final class ChunkEventReader {
    private static final JsonFactory JSON = ProtocolJson.mapper().getFactory();
    private static final String TEXT_DELTA = EventType.TEXT_DELTA.wireName();
    /** The string fields of a text delta, each expected once. */
    private static final List<String> STRING_FIELDS = List.of("type", "conversation_id", "response_id", "timestamp",
            "text");

    private ChunkEventReader() {
    }

    /** The event; see {@link ChunkEventCodec#read(byte[])} for what is valid and what is thrown. */
    static ChunkEvent read(byte[] value) {
        ChunkEvent plain = value == null ? null : plainTextDelta(value);
        return plain != null ? plain : ChunkEventCodec.read(value);
    }

    /** The text delta, or null when the value is anything but a text delta in its plain form. */
    static ChunkEvent.TextDelta plainTextDelta(byte[] value) {
        String[] strings = new String[STRING_FIELDS.size()];
        long seq = -1;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                if (name.equals("seq")) {
                    if (field != JsonToken.VALUE_NUMBER_INT || seq >= 0
                            || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return null;
                    }
                    seq = parser.getLongValue();
                    if (seq < 0) {
                        return null;
                    }
                    continue;
                }
                int index = STRING_FIELDS.indexOf(name);
                if (index < 0 || field != JsonToken.VALUE_STRING || strings[index] != null) {
                    return null; // another field, a duplicate or a non-string: the codec's rules apply
                }
                strings[index] = parser.getText();
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        String conversationId = strings[1];
        String responseId = strings[2];
        String timestamp = strings[3];
        String text = strings[4];
        if (!TEXT_DELTA.equals(strings[0]) || conversationId == null || conversationId.isEmpty()
                || responseId == null || responseId.isEmpty() || seq < 0 || text == null || timestamp == null) {
            return null;
        }
        Instant at = utcInstant(timestamp);
        return at == null ? null : new ChunkEvent.TextDelta(conversationId, responseId, seq, at, text);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} as {@link Instant#parse} reads it; null for any other form (offsets,
     * leap seconds, years beyond four digits), which the codec then reads itself.
     */
    static Instant utcInstant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(text, 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
