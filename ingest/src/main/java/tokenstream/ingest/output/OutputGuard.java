package tokenstream.ingest.output;

import tokenstream.protocol.FailureCodes;

import java.util.List;
import java.util.Optional;

/**
 * Everything a response's output must satisfy while it streams: its size limit, JSON validity in JSON
 * mode, and whole, valid tool calls. One per response, called in output order.
 */
public final class OutputGuard {

    /** The result of a step: the tool calls now complete, or the failure that ends the response. */
    public record Step(List<ToolCall> toolCalls, Optional<OutputFailure> failure) {
        static Step of(ToolCallAssembler.Outcome outcome) {
            return new Step(outcome.completed().stream().map(c -> new ToolCall(c.callId(), c.name(), c.arguments())).toList(),
                    Optional.ofNullable(outcome.failure()));
        }

        static Step failed(OutputFailure failure) {
            return new Step(List.of(), Optional.of(failure));
        }
    }

    /** A complete tool call. */
    public record ToolCall(String callId, String name, com.fasterxml.jackson.databind.JsonNode arguments) {
    }

    private final long maxResponseBytes;
    private final ProgressiveJsonValidator document;
    private final ToolCallAssembler toolCalls;
    private long outputBytes;

    public OutputGuard(OutputRules rules, long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
        this.document = rules.jsonMode() ? new ProgressiveJsonValidator(rules.documentSchema()) : null;
        this.toolCalls = new ToolCallAssembler(rules.toolSchemas());
    }

    /** Checks a text delta before it is written. */
    public Optional<OutputFailure> text(String text) {
        Optional<OutputFailure> tooLarge = count(text);
        if (tooLarge.isPresent() || document == null) {
            return tooLarge;
        }
        return document.feed(text).map(v -> new OutputFailure(FailureCodes.INVALID_JSON, v.describe("the response is not valid JSON")));
    }

    /** Takes a fragment of a tool call's arguments; earlier calls it completes come back whole. */
    public Step toolCallFragment(int index, String callId, String name, String argumentsFragment) {
        Optional<OutputFailure> tooLarge = count(argumentsFragment);
        if (tooLarge.isPresent()) {
            return Step.failed(tooLarge.get());
        }
        return Step.of(toolCalls.fragment(index, callId, name, argumentsFragment));
    }

    /** The upstream said the tool call at {@code index} has had its last fragment: it comes back whole, or fails. */
    public Step toolCallEnd(int index) {
        return Step.of(toolCalls.end(index));
    }

    /** Counts the model's reasoning against the size limit; it is no part of a JSON-mode document. */
    public Optional<OutputFailure> thinking(String text) {
        return count(text);
    }

    /** Counts a whole tool call an upstream delivered at once. */
    public Optional<OutputFailure> wholeToolCall(String arguments) {
        return count(arguments);
    }

    /** The upstream finished: the document must be complete, and every held tool call comes out. */
    public Step complete() {
        if (document != null) {
            Optional<JsonViolation> violation = document.finish();
            if (violation.isPresent()) {
                return Step.failed(new OutputFailure(FailureCodes.INVALID_JSON,
                        violation.get().describe("the response is not a complete JSON document")));
            }
        }
        return Step.of(toolCalls.finish());
    }

    private Optional<OutputFailure> count(String piece) {
        if (piece == null) {
            return Optional.empty();
        }
        outputBytes += Utf8.length(piece);
        if (outputBytes > maxResponseBytes) {
            return Optional.of(new OutputFailure(FailureCodes.OUTPUT_TOO_LARGE, tooLargeMessage(maxResponseBytes)));
        }
        return Optional.empty();
    }

    /** The message of {@code output_too_large}, the same for generations and pushes. */
    public static String tooLargeMessage(long maxResponseBytes) {
        return "the response exceeded the maximum response size of " + maxResponseBytes
                + " bytes of text and tool-call arguments (tokenstream.ingest.max-response-bytes)";
    }
}
