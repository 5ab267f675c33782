package tokenstream.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A whole response rebuilt from its chunk events by the audit consumer: the value of the compacted
 * {@link Topics#RESPONSES} topic (key = {@link ResponseKey}, conversation id and response id) and of
 * {@code GET /v1/conversations/{conversationId}/responses/{responseId}}.
 *
 * @param responseId     the response
 * @param conversationId the conversation it belongs to
 * @param model          the model named by {@code response.started}
 * @param status         where the response stands
 * @param text           all {@code text.delta} texts concatenated in seq order
 * @param toolCalls      complete tool calls in seq order
 * @param finishReason   from {@code response.completed}
 * @param usage          from {@code response.completed}
 * @param error          from {@code response.failed}
 * @param cancelReason   from {@code response.cancelled}
 * @param startedAt      timestamp of {@code response.started}
 * @param firstEventAt   timestamp of the first event seen
 * @param lastEventAt    timestamp of the last event seen
 * @param eventCount     distinct events applied
 * @param partition      chunks-topic partition of the conversation
 * @param firstOffset    offset of the first event seen (a replay position)
 * @param lastOffset     offset of the last event seen
 * @param integrity      what was wrong with the event sequence, if anything
 * @param timings        how fast the response came, from the events' own timestamps; absent from older writers
 * @param truncated      {@code true} when {@code text} and {@code toolCalls} hold only the beginning of what the
 *                       response streamed, because the whole would not fit in one audit record; the response is then
 *                       {@code failed} with code {@code output_too_large}, and the full events stay on the chunks
 *                       topic from {@code firstOffset}. Absent otherwise.
 * @param thinking       all {@code thinking.delta} texts concatenated in seq order: the model's reasoning, kept apart
 *                       from {@code text}; absent when the response had none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AssembledResponse(
        String responseId,
        String conversationId,
        String model,
        ResponseStatus status,
        String text,
        List<AssembledToolCall> toolCalls,
        String finishReason,
        Usage usage,
        ErrorInfo error,
        String cancelReason,
        Instant startedAt,
        Instant firstEventAt,
        Instant lastEventAt,
        long eventCount,
        int partition,
        long firstOffset,
        long lastOffset,
        Integrity integrity,
        Timings timings,
        Boolean truncated,
        String thinking) {

    /** A response without reasoning ({@code thinking}), as assembled before {@code thinking.delta} existed. */
    public AssembledResponse(String responseId, String conversationId, String model, ResponseStatus status,
                             String text, List<AssembledToolCall> toolCalls, String finishReason, Usage usage,
                             ErrorInfo error, String cancelReason, Instant startedAt, Instant firstEventAt,
                             Instant lastEventAt, long eventCount, int partition, long firstOffset, long lastOffset,
                             Integrity integrity, Timings timings, Boolean truncated) {
        this(responseId, conversationId, model, status, text, toolCalls, finishReason, usage, error, cancelReason,
                startedAt, firstEventAt, lastEventAt, eventCount, partition, firstOffset, lastOffset, integrity, timings,
                truncated, null);
    }

    /** A response that is not truncated. */
    public AssembledResponse(String responseId, String conversationId, String model, ResponseStatus status,
                             String text, List<AssembledToolCall> toolCalls, String finishReason, Usage usage,
                             ErrorInfo error, String cancelReason, Instant startedAt, Instant firstEventAt,
                             Instant lastEventAt, long eventCount, int partition, long firstOffset, long lastOffset,
                             Integrity integrity, Timings timings) {
        this(responseId, conversationId, model, status, text, toolCalls, finishReason, usage, error, cancelReason,
                startedAt, firstEventAt, lastEventAt, eventCount, partition, firstOffset, lastOffset, integrity, timings,
                null);
    }

    /** A response without timings, as assembled before timings existed. */
    public AssembledResponse(String responseId, String conversationId, String model, ResponseStatus status,
                             String text, List<AssembledToolCall> toolCalls, String finishReason, Usage usage,
                             ErrorInfo error, String cancelReason, Instant startedAt, Instant firstEventAt,
                             Instant lastEventAt, long eventCount, int partition, long firstOffset, long lastOffset,
                             Integrity integrity) {
        this(responseId, conversationId, model, status, text, toolCalls, finishReason, usage, error, cancelReason,
                startedAt, firstEventAt, lastEventAt, eventCount, partition, firstOffset, lastOffset, integrity, null);
    }

    /** A complete tool call as it appeared in its {@code tool_call} event. */
    public record AssembledToolCall(String callId, String name, JsonNode arguments) {
    }

    /** The typed error of a failed response. */
    public record ErrorInfo(String code, String message) {
    }

    /**
     * Sequence problems seen while assembling.
     *
     * @param duplicates  events whose seq had already been applied (ignored)
     * @param gaps        seq numbers that never arrived before a later one
     * @param outOfOrder  events that arrived with a seq lower than one already seen but not yet applied
     * @param afterTerminal events that arrived after the terminal event (ignored)
     */
    public record Integrity(long duplicates, List<Long> gaps, long outOfOrder, long afterTerminal) {
        public static final Integrity CLEAN = new Integrity(0, List.of(), 0, 0);
    }

    /**
     * How fast the response was produced, measured on the events' own timestamps (the producer's clock),
     * so a rebuild from the topic gives the same figures as the live run.
     *
     * @param firstTokenAt       timestamp of the first {@code text.delta} or {@code tool_call}
     * @param timeToFirstTokenMs {@code firstTokenAt - startedAt}; absent without both
     * @param durationMs         last event seen minus {@code startedAt} (or the first event seen)
     * @param textDeltas         {@code text.delta} events applied
     * @param tokensPerSecond    output tokens ({@code usage.completion_tokens} if reported, else text deltas)
     *                           per second between the first token and the last event; absent while that is 0
     */
    public record Timings(Instant firstTokenAt, Long timeToFirstTokenMs, long durationMs, long textDeltas,
                          Double tokensPerSecond) {
    }
}
