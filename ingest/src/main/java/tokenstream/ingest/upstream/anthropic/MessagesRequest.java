package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationRequest;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The body of a streaming {@code POST /v1/messages} for a generation request. Requests speak OpenAI's shapes (chat
 * roles, function tools, {@code stop}); they become Anthropic's here: system messages go to {@code system}, tools
 * to {@code {name, description, input_schema}}, {@code stop} to {@code stop_sequences}.
 */
final class MessagesRequest {
    /** Options passed on under the same name; ingest's own (simulate, tokens_per_second, ...) stay home. */
    private static final List<String> PASSED_ON = List.of("temperature", "top_p", "top_k", "thinking");

    private MessagesRequest() {
    }

    static ObjectNode body(GenerationRequest request, String model, int defaultMaxTokens) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("model", model);
        body.put("max_tokens", request.options().maxTokensIfSet().orElse(defaultMaxTokens));
        String system = request.messages().stream().filter(m -> m.role().equals("system")).map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
        if (!system.isEmpty()) {
            body.put("system", system);
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            if (!message.role().equals("system")) {
                // The Messages API knows two roles; anything that is not the assistant speaks for the user.
                messages.addObject().put("role", message.role().equals("assistant") ? "assistant" : "user")
                        .put("content", message.content());
            }
        }
        body.put("stream", true);
        ObjectNode options = request.options().raw();
        for (String name : PASSED_ON) {
            if (options.hasNonNull(name)) {
                body.set(name, options.get(name));
            }
        }
        JsonNode stop = options.get("stop");
        if (stop != null && stop.isTextual()) {
            body.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray()) {
            body.set("stop_sequences", stop);
        }
        JsonNode tools = options.get("tools");
        if (tools != null && tools.isArray()) {
            ArrayNode converted = body.putArray("tools");
            for (JsonNode tool : tools) {
                converted.add(tool(tool));
            }
        }
        JsonNode choice = toolChoice(options.get("tool_choice"));
        if (choice != null) {
            body.set("tool_choice", choice);
        }
        return body;
    }

    /** An OpenAI function tool ({@code {"type":"function","function":{name, description, parameters}}}) as Anthropic's. */
    private static ObjectNode tool(JsonNode tool) {
        JsonNode function = tool.has("function") ? tool.get("function") : tool;
        ObjectNode converted = JsonNodeFactory.instance.objectNode();
        converted.put("name", function.path("name").asText());
        if (function.hasNonNull("description")) {
            converted.set("description", function.get("description"));
        }
        JsonNode parameters = function.get("parameters");
        converted.set("input_schema", parameters != null && parameters.isObject() ? parameters
                : JsonNodeFactory.instance.objectNode().put("type", "object"));
        return converted;
    }

    /** OpenAI's {@code auto}, {@code required}, {@code none} or named function as Anthropic's tool choice. */
    private static JsonNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ObjectNode converted = JsonNodeFactory.instance.objectNode();
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "required" -> converted.put("type", "any");
                case "none" -> converted.put("type", "none");
                default -> converted.put("type", "auto");
            };
        }
        String name = choice.path("function").path("name").asText("");
        return name.isEmpty() ? choice : converted.put("type", "tool").put("name", name);
    }
}
