package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationOptions;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.servicekit.web.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of a start request into a {@link GenerationRequest}, naming the first thing wrong with
 * it. Unknown fields are ignored so that clients may send more than this version knows.
 */
final class GenerationRequestParser {
    private GenerationRequestParser() {
    }

    static GenerationRequest parse(JsonNode body, String defaultModel) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw invalid("request body is required: a JSON object with 'prompt' or 'messages'");
        }
        if (!body.isObject()) {
            throw invalid("request body must be a JSON object");
        }
        List<ChatMessage> messages = messages(body);
        if (messages.isEmpty()) {
            throw invalid("either 'prompt' (a non-empty string) or 'messages' (a non-empty array) is required");
        }
        String model = optionalText(body, "model");
        return new GenerationRequest(model == null ? defaultModel : model, messages, options(body),
                object(body, "metadata"));
    }

    private static List<ChatMessage> messages(JsonNode body) {
        List<ChatMessage> messages = new ArrayList<>();
        String prompt = optionalText(body, "prompt");
        if (prompt != null && !prompt.isEmpty()) {
            messages.add(new ChatMessage("user", prompt));
        }
        JsonNode list = body.get("messages");
        if (list == null || list.isNull()) {
            return messages;
        }
        if (!list.isArray()) {
            throw invalid("'messages' must be an array of {\"role\",\"content\"} objects");
        }
        if (!messages.isEmpty() && !list.isEmpty()) {
            throw invalid("give either 'prompt' or 'messages', not both");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode message = list.get(i);
            if (!message.isObject() || !message.path("role").isTextual() || !message.path("content").isTextual()) {
                throw invalid("messages[" + i + "] must be an object with string 'role' and 'content'");
            }
            messages.add(new ChatMessage(message.get("role").asText(), message.get("content").asText()));
        }
        return messages;
    }

    private static GenerationOptions options(JsonNode body) {
        ObjectNode options = withTopLevelMaxTokens(body, object(body, "options"));
        return new GenerationOptions(
                options.has("max_tokens") ? integer(options, "max_tokens") : null,
                options.has("seed") ? longValue(options, "seed") : null,
                options.has("tokens_per_second") ? number(options, "tokens_per_second") : null,
                options);
    }

    /**
     * OpenAI clients give {@code max_tokens} at the top level; it means {@code options.max_tokens} and becomes it (so
     * upstreams and {@code response.started} see one place). Both at once must agree.
     */
    private static ObjectNode withTopLevelMaxTokens(JsonNode body, ObjectNode options) {
        JsonNode topLevel = body.get("max_tokens");
        if (topLevel == null || topLevel.isNull()) {
            return options;
        }
        if (!topLevel.canConvertToExactIntegral() || !topLevel.canConvertToInt()) {
            throw invalid("'max_tokens' must be an integer");
        }
        JsonNode inOptions = options.get("max_tokens");
        if (inOptions != null && !inOptions.isNull()) {
            if (!inOptions.canConvertToExactIntegral() || inOptions.asLong() != topLevel.asLong()) {
                throw invalid("'max_tokens' (" + topLevel + ") and 'options.max_tokens' (" + inOptions
                        + ") differ; give it once, in either place");
            }
            return options;
        }
        ObjectNode merged = options.deepCopy();
        merged.put("max_tokens", topLevel.asInt());
        return merged;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        return value.asText();
    }

    private static ObjectNode object(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!value.isObject()) {
            throw invalid("'" + field + "' must be a JSON object");
        }
        return (ObjectNode) value;
    }

    private static int integer(ObjectNode options, String field) {
        JsonNode value = options.get(field);
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw invalid("'options." + field + "' must be an integer");
        }
        return value.asInt();
    }

    private static long longValue(ObjectNode options, String field) {
        JsonNode value = options.get(field);
        if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
            throw invalid("'options." + field + "' must be an integer");
        }
        return value.asLong();
    }

    private static double number(ObjectNode options, String field) {
        JsonNode value = options.get(field);
        if (!value.isNumber()) {
            throw invalid("'options." + field + "' must be a number");
        }
        return value.asDouble();
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
