package tokenstream.ingest.upstream.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;

/**
 * Faults a request asks the simulator to inject, from {@code options.simulate}, so that every failure path
 * of ingest can be exercised without a model. Token counts are 1-based and count text deltas and tool-call
 * fragments alike.
 *
 * @param invalidJsonAtToken   token N starts with a byte no JSON allows (a raw control character)
 * @param errorAfterTokens     after N tokens the upstream fails ({@code upstream_error})
 * @param stallAfterTokens     after N tokens the upstream goes silent without ending
 * @param invalidToolArguments the first tool call's arguments are broken JSON
 * @param ignoreSchema         in {@code json_schema} mode, emit the {@code json_object} document instead of
 *                             one that meets the schema, like a model that ignores it
 */
record SimulationFaults(Integer invalidJsonAtToken, Integer errorAfterTokens, Integer stallAfterTokens,
                        boolean invalidToolArguments, boolean ignoreSchema) {

    static final SimulationFaults NONE = new SimulationFaults(null, null, null, false, false);

    static SimulationFaults from(ObjectNode options) {
        JsonNode simulate = options.get("simulate");
        if (simulate == null || simulate.isNull()) {
            return NONE;
        }
        if (!simulate.isObject()) {
            throw new InvalidGenerationRequestException("options.simulate must be an object");
        }
        return new SimulationFaults(count(simulate, "invalid_json_at_token", 1), count(simulate, "error_after_tokens", 0),
                count(simulate, "stall_after_tokens", 0), simulate.path("invalid_tool_arguments").asBoolean(false),
                simulate.path("ignore_schema").asBoolean(false));
    }

    private static Integer count(JsonNode simulate, String field, int min) {
        JsonNode value = simulate.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asInt() < min) {
            throw new InvalidGenerationRequestException("options.simulate." + field + " must be an integer >= " + min);
        }
        return value.asInt();
    }
}
