package tokenstream.relay.openai;

import tokenstream.protocol.ChunkEvent;

import java.util.Set;

/** The {@code finish_reason} a response's terminal event becomes. */
final class FinishReasons {
    private static final Set<String> OPENAI = Set.of("stop", "length", "tool_calls", "content_filter");

    private FinishReasons() {
    }

    /** The event's own reason when OpenAI has it; otherwise {@code tool_calls} after tool calls, else {@code stop}. */
    static String of(ChunkEvent.ResponseCompleted completed, boolean calledTools) {
        String reason = completed.finishReason();
        if (reason != null && OPENAI.contains(reason)) {
            return reason;
        }
        return calledTools ? "tool_calls" : "stop";
    }

    /**
     * A cancelled response ends as one that stopped: OpenAI has no reason for "stopped on request", and what was
     * produced until then is the answer the canceller chose to keep (the audit record says {@code cancelled}).
     */
    static String cancelled(boolean calledTools) {
        return calledTools ? "tool_calls" : "stop";
    }
}
