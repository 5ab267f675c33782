package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;

import java.util.Map;

/**
 * Errors inside an OpenAI-style stream: an event whose data is {@code {"error":{"message","type","code"}}}, which
 * OpenAI's SDKs raise as an API error. The {@code code} is the stable one of the event model.
 */
final class StreamErrors {
    /** {@code type} of a response that ended with {@code response.failed}. */
    static final String RESPONSE_FAILED = "response_failed";
    /** {@code type} of a stream the relay ended early; reconnect with {@code Last-Event-ID} to continue. */
    static final String STREAM_INTERRUPTED = "stream_interrupted";

    private StreamErrors() {
    }

    static ObjectNode failed(ChunkEvent.ResponseFailed failed) {
        ObjectNode error = error(failed.message() == null ? failed.code() : failed.message(), RESPONSE_FAILED, failed.code());
        ((ObjectNode) error.get("error")).put("response_id", failed.responseId());
        return error;
    }

    /** The relay's own ending of a stream ({@code stream.reconnect}, {@code stream.position_expired}), its fields kept. */
    static ObjectNode interrupted(Map<String, Object> body) {
        Object code = body.get("code");
        Object message = body.get("message");
        ObjectNode error = error(message == null ? "" : message.toString(), STREAM_INTERRUPTED,
                code == null ? "unavailable" : code.toString());
        ObjectNode inner = (ObjectNode) error.get("error");
        body.forEach((name, value) -> {
            if (!inner.has(name) && value != null) {
                inner.put(name, value.toString());
            }
        });
        return error;
    }

    private static ObjectNode error(String message, String type, String code) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code);
        return body;
    }
}
