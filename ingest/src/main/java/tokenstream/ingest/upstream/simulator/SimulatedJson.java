package tokenstream.ingest.upstream.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON the simulator "generates": a fixed-shape document for {@code json_object}, a value that meets
 * the schema for {@code json_schema} and tool parameters, and the split of JSON text into small tokens.
 * Everything is a pure function of its inputs so tests can compute the expected output.
 */
public final class SimulatedJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int CODE_POINTS_PER_TOKEN = 4;

    private SimulatedJson() {
    }

    /** The {@code json_object} document: the simulated script's words in a small, typical answer shape. */
    public static ObjectNode document(String prompt, long seed, int maxTokens) {
        List<String> words = SimulatedScript.tokens(prompt, seed, maxTokens);
        ObjectNode doc = NODES.objectNode();
        doc.put("title", String.join("", words.subList(0, Math.min(3, words.size()))).strip());
        doc.put("summary", String.join("", words).strip());
        doc.put("word_count", words.size());
        ArrayNode tags = doc.putArray("tags");
        tags.add("kafka");
        tags.add("stream");
        doc.put("final", true);
        return doc;
    }

    /** A value that meets the schema (as far as the keywords ingest enforces go). */
    public static JsonNode valueFor(JsonNode schema) {
        if (schema == null || !schema.isObject()) {
            return NODES.textNode("sample");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText() : schema.path("type").asText("");
        if (type.isEmpty()) {
            type = schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                schema.path("properties").fields().forEachRemaining(e -> object.set(e.getKey(), valueFor(e.getValue())));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(valueFor(schema.get("items")));
                array.add(valueFor(schema.get("items")));
                return array;
            }
            case "integer":
                return NODES.numberNode((int) clamp(3, schema));
            case "number":
                return NODES.numberNode(clamp(2.5, schema));
            case "boolean":
                return NODES.booleanNode(true);
            case "null":
                return NODES.nullNode();
            default:
                return NODES.textNode(sized("sample", schema));
        }
    }

    /** JSON text cut into tokens of a few code points (never inside a surrogate pair). */
    public static List<String> tokens(String json) {
        List<String> tokens = new ArrayList<>();
        int[] points = json.codePoints().toArray();
        for (int i = 0; i < points.length; i += CODE_POINTS_PER_TOKEN) {
            tokens.add(new String(points, i, Math.min(CODE_POINTS_PER_TOKEN, points.length - i)));
        }
        return tokens;
    }

    private static double clamp(double preferred, JsonNode schema) {
        double value = preferred;
        if (schema.has("minimum")) {
            value = Math.max(value, schema.get("minimum").asDouble());
        }
        if (schema.has("maximum")) {
            value = Math.min(value, schema.get("maximum").asDouble());
        }
        return value;
    }

    private static String sized(String text, JsonNode schema) {
        StringBuilder value = new StringBuilder(text);
        int min = schema.path("minLength").asInt(0);
        while (value.length() < min) {
            value.append('x');
        }
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return value.length() > max ? value.substring(0, max) : value.toString();
    }
}
