package tokenstream.ingest.upstream.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.GenerationRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * What one simulated generation will emit, tick by tick: the script's words (or, in JSON mode, a JSON
 * document in small pieces), then one tool call per offered tool (at most two) in argument fragments,
 * with the requested faults applied.
 *
 * @param steps         the ticks in order
 * @param finishReason  {@code stop}, or {@code tool_calls} when tools were called
 * @param faults        what goes wrong, and when
 */
record SimulatedPlan(List<SimulatedStep> steps, String finishReason, SimulationFaults faults) {
    private static final int MAX_TOOL_CALLS = 2;
    private static final int ARGUMENT_FRAGMENT_CODE_POINTS = 6;
    /** A raw control character: invalid outside JSON strings and, unescaped, inside them too. */
    static final String INVALID_JSON_BYTE = "\u0007";

    static SimulatedPlan of(GenerationRequest request, int maxTokens) {
        ObjectNode options = request.options().raw();
        long seed = request.options().seedIfSet().orElse(0L);
        String prompt = request.promptText();
        SimulationFaults faults = SimulationFaults.from(options);
        List<SimulatedStep> steps = new ArrayList<>();
        for (String token : text(options, prompt, seed, maxTokens, faults.ignoreSchema())) {
            steps.add(SimulatedStep.text(token));
        }
        JsonNode tools = options.path("tools");
        int calls = Math.min(MAX_TOOL_CALLS, tools.isArray() ? tools.size() : 0);
        for (int index = 0; index < calls; index++) {
            JsonNode function = tools.get(index).path("function");
            String arguments = function.path("parameters").isObject()
                    ? SimulatedJson.valueFor(function.get("parameters")).toString() : "{}";
            if (index == 0 && faults.invalidToolArguments()) {
                arguments = brokenArguments(arguments);
            }
            String callId = "call_sim_" + index;
            List<String> fragments = fragments(arguments);
            for (int f = 0; f < fragments.size(); f++) {
                steps.add(SimulatedStep.toolFragment(index, f == 0 ? callId : null, f == 0 ? function.path("name").asText() : null,
                        fragments.get(f)));
            }
        }
        if (faults.invalidJsonAtToken() != null && faults.invalidJsonAtToken() <= steps.size()) {
            int at = faults.invalidJsonAtToken() - 1;
            SimulatedStep step = steps.get(at);
            steps.set(at, step.isText() ? SimulatedStep.text(INVALID_JSON_BYTE + step.text())
                    : SimulatedStep.toolFragment(step.toolIndex(), step.callId(), step.toolName(),
                    INVALID_JSON_BYTE + step.argumentsFragment()));
        }
        return new SimulatedPlan(steps, calls > 0 ? "tool_calls" : "stop", faults);
    }

    /** The text deltas: the script's words, or the JSON document's pieces in JSON mode. */
    static List<String> text(ObjectNode options, String prompt, long seed, int maxTokens, boolean ignoreSchema) {
        JsonNode format = options.path("response_format");
        String type = format.path("type").asText("text");
        if (type.equals("json_object") || (type.equals("json_schema") && ignoreSchema)) {
            return SimulatedJson.tokens(SimulatedJson.document(prompt, seed, maxTokens).toString());
        }
        if (type.equals("json_schema")) {
            JsonNode schema = format.has("schema") ? format.get("schema") : format.path("json_schema").get("schema");
            return SimulatedJson.tokens(SimulatedJson.valueFor(schema).toString());
        }
        return SimulatedScript.tokens(prompt, seed, maxTokens);
    }

    /** Argument text cut as models stream it: a few characters at a time. */
    static List<String> fragments(String arguments) {
        List<String> fragments = new ArrayList<>();
        int[] points = arguments.codePoints().toArray();
        for (int i = 0; i < points.length; i += ARGUMENT_FRAGMENT_CODE_POINTS) {
            fragments.add(new String(points, i, Math.min(ARGUMENT_FRAGMENT_CODE_POINTS, points.length - i)));
        }
        return fragments;
    }

    /** Valid arguments made invalid the way models break them: {@code "name"="value"} instead of {@code :}. */
    static String brokenArguments(String arguments) {
        int colon = arguments.indexOf(':');
        return colon < 0 ? arguments + "}" : arguments.substring(0, colon) + "=" + arguments.substring(colon + 1);
    }
}
