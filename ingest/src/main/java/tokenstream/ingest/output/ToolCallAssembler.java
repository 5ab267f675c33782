package tokenstream.ingest.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Holds tool-call argument fragments until each call is complete, validating them as they arrive, so that
 * only whole calls with valid arguments ever reach the topic. Upstreams stream parallel calls by index,
 * one after the other: a call is complete when a later index starts, or when the response completes.
 */
final class ToolCallAssembler {

    /** A tool call ready to be written. */
    record CompletedCall(String callId, String name, JsonNode arguments) {
    }

    /** What a step produced: calls now complete, in index order, or the failure that ends the response. */
    record Outcome(List<CompletedCall> completed, OutputFailure failure) {
        static Outcome failed(OutputFailure failure) {
            return new Outcome(List.of(), failure);
        }
    }

    private static final class PendingCall {
        final int index;
        String callId;
        String name;
        ProgressiveJsonValidator arguments;
        final StringBuilder text = new StringBuilder();

        PendingCall(int index) {
            this.index = index;
        }
    }

    private final Map<String, JsonSchemaSubset> schemas;
    private final TreeMap<Integer, PendingCall> pending = new TreeMap<>();

    ToolCallAssembler(Map<String, JsonSchemaSubset> schemas) {
        this.schemas = schemas;
    }

    Outcome fragment(int index, String callId, String name, String argumentsFragment) {
        List<CompletedCall> completed = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstKey() < index) {
            PendingCall earlier = pending.pollFirstEntry().getValue();
            OutputFailure failure = complete(earlier, completed);
            if (failure != null) {
                return Outcome.failed(failure);
            }
        }
        PendingCall call = pending.computeIfAbsent(index, PendingCall::new);
        if (call.callId == null && callId != null && !callId.isEmpty()) {
            call.callId = callId;
        }
        if (call.name == null && name != null && !name.isEmpty()) {
            call.name = name;
        }
        if (argumentsFragment != null && !argumentsFragment.isEmpty()) {
            if (call.arguments == null) {
                call.arguments = new ProgressiveJsonValidator(call.name == null ? null : schemas.get(call.name));
            }
            call.text.append(argumentsFragment);
            Optional<JsonViolation> violation = call.arguments.feed(argumentsFragment);
            if (violation.isPresent()) {
                return Outcome.failed(invalid(call, violation.get()));
            }
        }
        return new Outcome(completed, null);
    }

    /** The upstream said the call at {@code index} is whole: it, and any earlier call still held, comes out. */
    Outcome end(int index) {
        List<CompletedCall> completed = new ArrayList<>();
        while (!pending.isEmpty() && pending.firstKey() <= index) {
            OutputFailure failure = complete(pending.pollFirstEntry().getValue(), completed);
            if (failure != null) {
                return Outcome.failed(failure);
            }
        }
        return new Outcome(completed, null);
    }

    /** The response is complete: so is every call still held. */
    Outcome finish() {
        List<CompletedCall> completed = new ArrayList<>();
        while (!pending.isEmpty()) {
            OutputFailure failure = complete(pending.pollFirstEntry().getValue(), completed);
            if (failure != null) {
                return Outcome.failed(failure);
            }
        }
        return new Outcome(completed, null);
    }

    private static OutputFailure complete(PendingCall call, List<CompletedCall> completed) {
        if (call.name == null) {
            return new OutputFailure(FailureCodes.INVALID_TOOL_ARGUMENTS, "tool call " + call.index + " has no function name");
        }
        JsonNode arguments;
        if (call.arguments == null) {
            // Some servers send no argument text at all for a function without parameters.
            arguments = JsonNodeFactory.instance.objectNode();
        } else {
            Optional<JsonViolation> violation = call.arguments.finish();
            if (violation.isPresent()) {
                return invalid(call, violation.get());
            }
            try {
                arguments = ProtocolJson.mapper().readTree(call.text.toString());
            } catch (IOException e) {
                return new OutputFailure(FailureCodes.INVALID_TOOL_ARGUMENTS,
                        "arguments of tool call " + call.index + " (" + call.name + ") are not valid JSON");
            }
        }
        completed.add(new CompletedCall(call.callId == null ? "call_" + call.index : call.callId, call.name, arguments));
        return null;
    }

    private static OutputFailure invalid(PendingCall call, JsonViolation violation) {
        return new OutputFailure(FailureCodes.INVALID_TOOL_ARGUMENTS, violation.describe(
                "arguments of tool call " + call.index + (call.name == null ? "" : " (" + call.name + ")") + " are invalid"));
    }
}
