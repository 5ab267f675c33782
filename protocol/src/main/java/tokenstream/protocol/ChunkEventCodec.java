package tokenstream.protocol;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Turns {@link ChunkEvent}s into the JSON bytes of a chunks-topic record value and back.
 *
 * <p>Reading is strict about the envelope ({@code type}, {@code conversation_id}, {@code response_id},
 * {@code seq}, {@code timestamp}) and about the fields of known types, and lenient about everything else:
 * unknown fields are ignored and unknown types come back as {@link ChunkEvent.Unknown}.
 */
public final class ChunkEventCodec {
    private static final ObjectMapper MAPPER = ProtocolJson.mapper();

    private ChunkEventCodec() {
    }

    /** The event as a JSON object, {@code type} first. */
    public static ObjectNode toJson(ChunkEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", event.typeName());
        if (event instanceof ChunkEvent.Unknown unknown) {
            node.setAll(unknown.body());
            node.put("type", unknown.type());
        }
        node.setAll((ObjectNode) MAPPER.valueToTree(event));
        return node;
    }

    /** The event as UTF-8 JSON bytes. */
    public static byte[] write(ChunkEvent event) {
        try {
            return MAPPER.writeValueAsBytes(wireForm(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    /** The event as a JSON string. */
    public static String writeString(ChunkEvent event) {
        try {
            return MAPPER.writeValueAsString(wireForm(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    // A known event is written straight to text, its type first and then its record's fields, as toJson orders them:
    // building the tree first was a quarter of what ingest allocated per event. An unknown one keeps its whole body.
    private static Object wireForm(ChunkEvent event) {
        return event instanceof ChunkEvent.Unknown ? toJson(event) : new TypedEvent(event.typeName(), event);
    }

    record TypedEvent(String type, @JsonUnwrapped ChunkEvent event) {
    }

    /**
     * Reads one event.
     *
     * @throws MalformedEventException if the bytes are not a JSON object with a valid envelope, or a
     *                                 known type's fields are missing or mistyped
     */
    public static ChunkEvent read(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("empty record value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("not valid JSON: " + firstLine(e.getMessage()), e);
        }
        return read(node);
    }

    /** Reads one event from an already parsed JSON value; see {@link #read(byte[])}. */
    public static ChunkEvent read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("event is not a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        String type = requiredText(object, "type");
        requiredText(object, "conversation_id");
        requiredText(object, "response_id");
        JsonNode seq = object.get("seq");
        if (seq == null || !seq.canConvertToExactIntegral() || seq.asLong() < 0) {
            throw new MalformedEventException("field 'seq' must be a non-negative integer");
        }
        Instant timestamp = parseTimestamp(requiredText(object, "timestamp"));
        var known = EventType.fromWireName(type);
        if (known.isEmpty()) {
            ObjectNode body = object.deepCopy();
            return new ChunkEvent.Unknown(object.get("conversation_id").asText(), object.get("response_id").asText(),
                    seq.asLong(), timestamp, type, body);
        }
        try {
            ChunkEvent event = MAPPER.treeToValue(object, known.get().recordType());
            requireFields(event);
            return event;
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid " + type + " event: " + firstLine(e.getOriginalMessage()), e);
        }
    }

    private static void requireFields(ChunkEvent event) {
        if (event instanceof ChunkEvent.TextDelta d && d.text() == null) {
            throw missing("text.delta", "text");
        }
        if (event instanceof ChunkEvent.ThinkingDelta d && d.text() == null) {
            throw missing("thinking.delta", "text");
        }
        if (event instanceof ChunkEvent.ToolCall c && (c.name() == null || c.arguments() == null)) {
            throw missing("tool_call", c.name() == null ? "name" : "arguments");
        }
        if (event instanceof ChunkEvent.ResponseFailed f && f.code() == null) {
            throw missing("response.failed", "code");
        }
    }

    private static MalformedEventException missing(String type, String field) {
        return new MalformedEventException("invalid " + type + " event: field '" + field + "' is required");
    }

    private static String requiredText(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedEventException("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static Instant parseTimestamp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("field 'timestamp' must be an ISO-8601 instant, got '" + text + "'");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
