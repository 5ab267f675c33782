package tokenstream.ingest.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationRequest;

import java.util.List;

/** The body of a streaming {@code POST /chat/completions} for a generation request. */
final class ChatCompletionRequest {
    /** Options passed on as they are; ingest's own (simulate, tokens_per_second, ...) stay home. */
    private static final List<String> PASSED_ON = List.of("max_tokens", "max_completion_tokens", "temperature", "top_p",
            "seed", "stop", "presence_penalty", "frequency_penalty", "tools", "tool_choice", "parallel_tool_calls", "user");

    private ChatCompletionRequest() {
    }

    static ObjectNode body(GenerationRequest request, String model) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        body.put("stream", true);
        // Without it the stream carries no token counts.
        body.putObject("stream_options").put("include_usage", true);
        ObjectNode options = request.options().raw();
        for (String name : PASSED_ON) {
            if (options.hasNonNull(name)) {
                body.set(name, options.get(name));
            }
        }
        JsonNode format = options.get("response_format");
        if (format != null && format.isObject()) {
            body.set("response_format", openAiFormat((ObjectNode) format));
        }
        return body;
    }

    /** Our {@code {"type":"json_schema","schema":{...}}} in OpenAI's shape; other shapes pass as they are. */
    private static JsonNode openAiFormat(ObjectNode format) {
        if (!"json_schema".equals(format.path("type").asText()) || !format.has("schema")) {
            return format;
        }
        ObjectNode converted = JsonNodeFactory.instance.objectNode().put("type", "json_schema");
        converted.putObject("json_schema").put("name", "response").set("schema", format.get("schema"));
        return converted;
    }
}
