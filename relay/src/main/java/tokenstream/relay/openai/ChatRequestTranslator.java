package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.servicekit.web.ApiException;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a Chat Completions request into ingest's start body. What ingest can honour is passed on; anything else is
 * refused with 400 naming the field, never dropped: a client must not believe a setting took effect when it did not.
 */
public final class ChatRequestTranslator {
    /** Passed into ingest's {@code options} as they are: ingest's model upstream hands them to the model. */
    private static final List<String> OPTIONS_AS_IS = List.of("response_format", "tools", "tool_choice", "temperature",
            "top_p", "seed", "stop", "presence_penalty", "frequency_penalty", "parallel_tool_calls", "user");
    /** Read here, or carried elsewhere in the start body. */
    private static final Set<String> READ_HERE = Set.of("model", "messages", "stream", "stream_options", "max_tokens",
            "max_completion_tokens", "metadata", "n");
    private static final Set<String> MESSAGE_ROLES = Set.of("system", "developer", "user", "assistant");

    private ChatRequestTranslator() {
    }

    /** @throws ApiException 400 {@code invalid_request} or {@code unsupported_parameter}, naming the field */
    public static ChatRequest translate(JsonNode request) {
        if (request == null || !request.isObject()) {
            throw invalid("the request body must be a JSON object");
        }
        refuseUnknownFields(request);
        ObjectNode start = JsonNodeFactory.instance.objectNode();
        JsonNode model = request.get("model");
        if (model != null && !model.isNull()) {
            if (!model.isTextual()) {
                throw invalid("'model' must be a string");
            }
            start.put("model", model.asText());
        }
        start.set("messages", ChatMessages.translate(request.get("messages"), MESSAGE_ROLES));
        ObjectNode options = start.putObject("options");
        Integer maxTokens = maxTokens(request);
        if (maxTokens != null) {
            options.put("max_tokens", maxTokens);
        }
        for (String name : OPTIONS_AS_IS) {
            if (request.hasNonNull(name)) {
                options.set(name, request.get(name));
            }
        }
        JsonNode metadata = request.get("metadata");
        if (metadata != null && !metadata.isNull()) {
            if (!metadata.isObject()) {
                throw invalid("'metadata' must be an object");
            }
            start.set("metadata", metadata);
        }
        requireOneChoice(request.get("n"));
        boolean stream = flag(request, "stream");
        return new ChatRequest(stream, includeUsage(request.get("stream_options"), stream), start);
    }

    private static void refuseUnknownFields(JsonNode request) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = request.fields(); fields.hasNext(); ) {
            var field = fields.next();
            if (!READ_HERE.contains(field.getKey()) && !OPTIONS_AS_IS.contains(field.getKey())
                    && !field.getValue().isNull()) {
                throw unsupported("'" + field.getKey() + "' is not supported by this endpoint");
            }
        }
    }

    private static Integer maxTokens(JsonNode request) {
        Integer maxTokens = positiveInt(request, "max_tokens");
        Integer maxCompletionTokens = positiveInt(request, "max_completion_tokens");
        if (maxTokens != null && maxCompletionTokens != null && !maxTokens.equals(maxCompletionTokens)) {
            throw invalid("'max_tokens' and 'max_completion_tokens' differ; give one of them");
        }
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    private static Integer positiveInt(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 1) {
            throw invalid("'" + field + "' must be a positive integer");
        }
        return value.asInt();
    }

    private static void requireOneChoice(JsonNode n) {
        if (n != null && !n.isNull() && !(n.canConvertToExactIntegral() && n.asInt() == 1)) {
            throw unsupported("'n' must be 1: a response has one choice");
        }
    }

    private static boolean flag(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid("'" + field + "' must be a boolean");
        }
        return value.asBoolean();
    }

    private static boolean includeUsage(JsonNode streamOptions, boolean stream) {
        if (streamOptions == null || streamOptions.isNull()) {
            return false;
        }
        if (!stream) {
            throw invalid("'stream_options' is only allowed with 'stream': true");
        }
        if (!streamOptions.isObject()) {
            throw invalid("'stream_options' must be an object");
        }
        for (Iterator<String> names = streamOptions.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("include_usage")) {
                throw unsupported("'stream_options." + name + "' is not supported by this endpoint");
            }
        }
        return flag(streamOptions, "include_usage");
    }

    static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    static ApiException unsupported(String message) {
        return new ApiException(400, "unsupported_parameter", message);
    }
}
