package tokenstream.consumers.assembly;

import com.fasterxml.jackson.core.JsonProcessingException;
import tokenstream.protocol.AssembledResponse.AssembledToolCall;
import tokenstream.protocol.ProtocolJson;

/**
 * One piece of a response's content, in arrival order: the text of a {@code text.delta}, a whole tool call, or the
 * text of a {@code thinking.delta}. Exactly one of the three is set. The value of
 * {@value ResponseTopology#RESPONSE_PARTS_STORE}.
 */
public record ResponsePart(String text, AssembledToolCall toolCall, String thinking) {

    public static ResponsePart text(String text) {
        return new ResponsePart(text, null, null);
    }

    public static ResponsePart toolCall(AssembledToolCall call) {
        return new ResponsePart(null, call, null);
    }

    public static ResponsePart thinking(String thinking) {
        return new ResponsePart(null, null, thinking);
    }

    /** The bytes this part adds to the audit record's JSON: escaped text, or a tool call and its comma. */
    long jsonBytes() {
        if (text != null) {
            return escapedJsonBytes(text);
        }
        if (thinking != null) {
            return escapedJsonBytes(thinking);
        }
        try {
            return ProtocolJson.mapper().writeValueAsBytes(toolCall).length + 1L;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool call cannot be written as JSON", e);
        }
    }

    /** UTF-8 length of {@code text} inside a JSON string as Jackson writes it (control characters escaped). */
    static long escapedJsonBytes(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
