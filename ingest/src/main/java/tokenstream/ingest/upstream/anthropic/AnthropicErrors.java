package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;

/**
 * Anthropic's errors as stable failure codes. The API names each error by a {@code type}, the same in an HTTP error
 * body and in a mid-stream {@code error} event; where no body says it, the HTTP status does.
 */
final class AnthropicErrors {
    private AnthropicErrors() {
    }

    /** The failure code of an error {@code type} such as {@code overloaded_error}. */
    static String codeOf(String type) {
        return switch (type == null ? "" : type) {
            case "overloaded_error" -> FailureCodes.UPSTREAM_OVERLOADED;
            case "rate_limit_error" -> FailureCodes.UPSTREAM_RATE_LIMITED;
            case "authentication_error", "permission_error" -> FailureCodes.UPSTREAM_UNAUTHORIZED;
            default -> FailureCodes.UPSTREAM_ERROR;
        };
    }

    /** The failure code of an HTTP status answered instead of a stream. */
    static String codeOf(int status) {
        return switch (status) {
            case 529 -> FailureCodes.UPSTREAM_OVERLOADED;
            case 429 -> FailureCodes.UPSTREAM_RATE_LIMITED;
            case 401, 403 -> FailureCodes.UPSTREAM_UNAUTHORIZED;
            default -> FailureCodes.UPSTREAM_ERROR;
        };
    }

    /** The {@code error} object of an error body or event, or null when the text holds none. */
    static JsonNode errorIn(String json) {
        try {
            JsonNode error = ProtocolJson.mapper().readTree(json).get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code "<type>: <message>"} of an error object, for people. */
    static String describe(JsonNode error) {
        String type = error.path("type").asText("error");
        String message = error.path("message").asText("");
        return message.isEmpty() ? type : type + ": " + message;
    }
}
