package tokenstream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * Turns {@link ControlMessage}s into control-topic record values and back. Reading is strict about
 * {@code type}, {@code conversation_id} and the fields each type needs; unknown fields are ignored.
 */
public final class ControlMessageCodec {
    private static final ObjectMapper MAPPER = ProtocolJson.mapper();

    private ControlMessageCodec() {
    }

    /** The message as UTF-8 JSON bytes, {@code type} first. */
    public static byte[] write(ControlMessage message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", message.typeName());
        node.setAll((ObjectNode) MAPPER.valueToTree(message));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message, e);
        }
    }

    /**
     * Reads one message.
     *
     * @throws MalformedEventException if the bytes are not a control message this version knows
     */
    public static ControlMessage read(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("empty control record value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("control message is not valid JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("control message is not a JSON object");
        }
        String type = node.path("type").asText("");
        if (!node.path("conversation_id").isTextual() || node.path("conversation_id").asText().isEmpty()) {
            throw new MalformedEventException("control message field 'conversation_id' must be a non-empty string");
        }
        try {
            switch (type) {
                case ControlMessage.Cancel.TYPE: {
                    var cancel = MAPPER.treeToValue(node, ControlMessage.Cancel.class);
                    if (cancel.responseId() == null || cancel.responseId().isEmpty()) {
                        throw new MalformedEventException("cancel field 'response_id' must be a non-empty string");
                    }
                    return cancel;
                }
                case ControlMessage.Presence.TYPE:
                    return MAPPER.treeToValue(node, ControlMessage.Presence.class);
                default:
                    throw new MalformedEventException("unknown control message type '" + type + "'");
            }
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("invalid " + type + " control message: " + e.getOriginalMessage(), e);
        }
    }
}
