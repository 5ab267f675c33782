package tokenstream.ingest.output;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The practical subset of JSON Schema that ingest enforces while a document streams: {@code type},
 * {@code properties}, {@code required}, {@code additionalProperties} (false or a schema), {@code items},
 * {@code enum} (of scalars), {@code minimum}/{@code maximum}, {@code minLength}/{@code maxLength}.
 * Other keywords are ignored, so a richer schema is enforced as far as this subset goes.
 */
public final class JsonSchemaSubset {
    private static final Set<String> TYPES = Set.of("object", "array", "string", "integer", "number", "boolean", "null");

    final Set<String> types;
    final Map<String, JsonSchemaSubset> properties;
    final Set<String> required;
    final boolean additionalAllowed;
    final JsonSchemaSubset additional;
    final JsonSchemaSubset items;
    final List<JsonNode> enumValues;
    final BigDecimal minimum;
    final BigDecimal maximum;
    final Integer minLength;
    final Integer maxLength;

    private JsonSchemaSubset(JsonNode schema, String where) {
        if (!schema.isObject()) {
            throw invalid(where, "must be an object");
        }
        this.types = types(schema.get("type"), where);
        this.properties = new HashMap<>();
        JsonNode props = schema.get("properties");
        if (props != null) {
            if (!props.isObject()) {
                throw invalid(where + ".properties", "must be an object");
            }
            props.fields().forEachRemaining(e -> properties.put(e.getKey(),
                    new JsonSchemaSubset(e.getValue(), where + ".properties." + e.getKey())));
        }
        this.required = new LinkedHashSet<>();
        JsonNode req = schema.get("required");
        if (req != null) {
            if (!req.isArray()) {
                throw invalid(where + ".required", "must be an array of property names");
            }
            req.forEach(r -> required.add(r.asText()));
        }
        JsonNode extra = schema.get("additionalProperties");
        this.additionalAllowed = extra == null || !extra.isBoolean() || extra.asBoolean();
        this.additional = extra != null && extra.isObject() ? new JsonSchemaSubset(extra, where + ".additionalProperties") : null;
        JsonNode itemSchema = schema.get("items");
        this.items = itemSchema != null && itemSchema.isObject() ? new JsonSchemaSubset(itemSchema, where + ".items") : null;
        JsonNode enums = schema.get("enum");
        this.enumValues = new ArrayList<>();
        if (enums != null) {
            if (!enums.isArray() || enums.isEmpty()) {
                throw invalid(where + ".enum", "must be a non-empty array");
            }
            enums.forEach(enumValues::add);
        }
        this.minimum = decimal(schema, "minimum", where);
        this.maximum = decimal(schema, "maximum", where);
        this.minLength = length(schema, "minLength", where);
        this.maxLength = length(schema, "maxLength", where);
    }

    /**
     * Reads a schema.
     *
     * @param where how the request names it, for error messages (for example {@code options.response_format.schema})
     * @throws InvalidGenerationRequestException if a keyword of the subset is malformed
     */
    public static JsonSchemaSubset parse(JsonNode schema, String where) {
        return new JsonSchemaSubset(schema, where);
    }

    /** The schema of a property's value, or null for "anything"; whether the property may appear is {@link #allows}. */
    JsonSchemaSubset propertySchema(String name) {
        JsonSchemaSubset declared = properties.get(name);
        return declared != null ? declared : additional;
    }

    boolean allows(String property) {
        return additionalAllowed || properties.containsKey(property);
    }

    /** Whether a value of this JSON kind may appear, kind being one of the JSON Schema type names. */
    boolean acceptsKind(String kind) {
        return types.isEmpty() || types.contains(kind) || ("integer".equals(kind) && types.contains("number"));
    }

    String expectedTypes() {
        return String.join("|", types);
    }

    private static Set<String> types(JsonNode type, String where) {
        Set<String> result = new LinkedHashSet<>();
        if (type == null) {
            return result;
        }
        if (type.isTextual()) {
            result.add(type.asText());
        } else if (type.isArray()) {
            type.forEach(t -> result.add(t.asText()));
        } else {
            throw invalid(where + ".type", "must be a type name or an array of them");
        }
        for (String t : result) {
            if (!TYPES.contains(t)) {
                throw invalid(where + ".type", "unknown type '" + t + "'");
            }
        }
        return result;
    }

    private static BigDecimal decimal(JsonNode schema, String keyword, String where) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw invalid(where + "." + keyword, "must be a number");
        }
        return value.decimalValue();
    }

    private static Integer length(JsonNode schema, String keyword, String where) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asInt() < 0) {
            throw invalid(where + "." + keyword, "must be a non-negative integer");
        }
        return value.asInt();
    }

    private static InvalidGenerationRequestException invalid(String where, String problem) {
        return new InvalidGenerationRequestException(where + " " + problem);
    }
}
