package tokenstream.ingest.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;

import java.util.HashMap;
import java.util.Map;

/**
 * What a request asks of its output, read from {@code options}: JSON mode
 * ({@code response_format: {"type":"json_object"}} or {@code {"type":"json_schema","schema":{...}}}, the
 * OpenAI shape {@code {"type":"json_schema","json_schema":{"schema":{...}}}} too) and the parameter schemas
 * of the {@code tools} it offers ({@code [{"type":"function","function":{"name":..,"parameters":{...}}}]}).
 *
 * @param jsonMode       whether the text must be one JSON document
 * @param documentSchema the document's schema, or null
 * @param toolSchemas    parameter schemas by tool name (tools without one accept any valid JSON)
 */
public record OutputRules(boolean jsonMode, JsonSchemaSubset documentSchema, Map<String, JsonSchemaSubset> toolSchemas) {

    public static final OutputRules PLAIN = new OutputRules(false, null, Map.of());

    /** @throws InvalidGenerationRequestException naming the malformed option */
    public static OutputRules from(ObjectNode options) {
        JsonNode format = options.get("response_format");
        boolean jsonMode = false;
        JsonSchemaSubset schema = null;
        if (format != null && !format.isNull()) {
            String type = format.path("type").asText("");
            switch (type) {
                case "text":
                    break;
                case "json_object":
                    jsonMode = true;
                    break;
                case "json_schema": {
                    jsonMode = true;
                    JsonNode schemaNode = format.has("schema") ? format.get("schema") : format.path("json_schema").get("schema");
                    if (schemaNode == null) {
                        throw new InvalidGenerationRequestException("options.response_format.schema is required for type json_schema");
                    }
                    schema = JsonSchemaSubset.parse(schemaNode, "options.response_format.schema");
                    break;
                }
                default:
                    throw new InvalidGenerationRequestException(
                            "options.response_format.type must be text, json_object or json_schema, got '" + type + "'");
            }
        }
        return new OutputRules(jsonMode, schema, toolSchemas(options.get("tools")));
    }

    private static Map<String, JsonSchemaSubset> toolSchemas(JsonNode tools) {
        Map<String, JsonSchemaSubset> schemas = new HashMap<>();
        if (tools == null || tools.isNull()) {
            return schemas;
        }
        if (!tools.isArray()) {
            throw new InvalidGenerationRequestException("options.tools must be an array");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode function = tools.get(i).path("function");
            if (!function.path("name").isTextual()) {
                throw new InvalidGenerationRequestException("options.tools[" + i + "].function.name must be a string");
            }
            JsonNode parameters = function.get("parameters");
            if (parameters != null && !parameters.isNull()) {
                schemas.put(function.get("name").asText(),
                        JsonSchemaSubset.parse(parameters, "options.tools[" + i + "].function.parameters"));
            }
        }
        return schemas;
    }
}
