package tokenstream.consumers.assembly;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventType;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.UtcInstants;

import java.io.IOException;
import java.time.Instant;
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
        ChunkEvent textDelta = value == null ? null : textDelta(value);
        return textDelta != null ? textDelta : ChunkEventCodec.read(value);
    }

    /** A text delta read without the codec: ingest's exact bytes first, then any plain form; null for the rest. */
    private static ChunkEvent.TextDelta textDelta(byte[] value) {
        ChunkEvent.TextDelta compact = CompactTextDelta.read(value);
        return compact != null ? compact : plainTextDelta(value);
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
        Instant at = UtcInstants.parse(timestamp);
        return at == null ? null : new ChunkEvent.TextDelta(conversationId, responseId, seq, at, text);
    }
}
