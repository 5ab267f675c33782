package tokenstream.consumers.assembly;

import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.AssembledResponse.AssembledToolCall;
import tokenstream.protocol.AssembledResponse.ErrorInfo;
import tokenstream.protocol.AssembledResponse.Integrity;
import tokenstream.protocol.AssembledResponse.Timings;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the chunk events of one response into an {@link AssemblyState}, one event at a time, and builds the
 * {@link AssembledResponse} from a state and its parts. Pure: no Kafka, no clock, no state of its own; the caller
 * keeps the state and the parts and hands them back.
 *
 * <p><b>Cost per event is O(event), not O(response).</b> The state holds no text: each {@code text.delta},
 * {@code thinking.delta} or {@code tool_call} comes back as a {@link ResponsePart} that the caller stores on its own (one store entry per
 * part), and the text is concatenated once, by {@link #assemble}, when the response is published. Copying the text
 * assembled so far on every delta would make a response quadratic in its length.
 *
 * <p>Sequence rules, in the order they are checked:
 * <ol>
 *   <li>A seq already applied is a <b>duplicate</b>: ignored, {@code integrity.duplicates} + 1.</li>
 *   <li>Once the response has ended (any status but {@code in_progress}) it is frozen: every further
 *       non-duplicate event is ignored and counted in {@code integrity.after_terminal}.</li>
 *   <li>A seq beyond the next expected one is applied, and every seq skipped over is recorded in
 *       {@code integrity.gaps} &mdash; unless that would make more than {@link Limits#maxGaps()} seqs missing at
 *       once: then the event is <b>rejected</b> ({@link Outcome#REJECTED}, state unchanged) and the caller
 *       dead-letters it. This bounds the gap list (a single record with seq 2^31 would otherwise list two billion
 *       gaps) and so the state's size.</li>
 *   <li>A seq that was recorded as a gap and arrives late is applied (its text is appended where it
 *       arrives, not spliced into its seq position), removed from {@code gaps} and counted in
 *       {@code integrity.out_of_order}.</li>
 * </ol>
 * Events of a type this version does not know ({@link ChunkEvent.Unknown}) take their seq like any
 * other event, so they count in {@code event_count} and move {@code last_event_at}/{@code last_offset},
 * but change nothing else. Ignored events (duplicates, after terminal) only change the integrity counters.
 *
 * <p>Because every applied seq is counted once and every skipped seq is listed in {@code gaps}, the seqs
 * seen so far are exactly {@code [0, event_count + gaps.size())} minus {@code gaps}; that is how the next
 * expected seq is known without storing it.
 *
 * <p><b>Size.</b> Parts are kept while their JSON size in the audit record stays within
 * {@link Limits#maxContentBytes()}; the first part beyond it and every later one are not kept
 * ({@link Step#part()} is {@code null}) and the state is marked truncated. A truncated response is assembled as
 * {@code failed} with code {@code output_too_large}, {@code truncated: true}, and what it streamed up to the limit,
 * so that it is still audited in one record that fits on the responses topic.
 *
 * <p>Timings come from the events' timestamps only, never from the clock of the machine assembling, so
 * that rebuilding from the topic reproduces them exactly.
 */
public final class ResponseAssembler {

    private ResponseAssembler() {
    }

    /**
     * How much one response may take.
     *
     * @param maxGaps         the most seqs that may be missing at once; an event that would open more is rejected
     * @param maxContentBytes the most bytes of text and tool calls (as JSON in the audit record) that are kept
     */
    public record Limits(int maxGaps, long maxContentBytes) {
        public static final Limits DEFAULT = new Limits(1024, 14L * 1024 * 1024);

        public Limits {
            if (maxGaps < 0 || maxContentBytes < 0) {
                throw new IllegalArgumentException("limits must not be negative: " + maxGaps + ", " + maxContentBytes);
            }
        }
    }

    /** What happened to one event. */
    public enum Outcome {
        /** The event took its seq and changed the response. */
        APPLIED,
        /** Its seq was applied before, or the response had already ended: only an integrity counter moved. */
        IGNORED,
        /** Its seq is too far ahead ({@link Limits#maxGaps()}): nothing changed; the caller dead-letters it. */
        REJECTED
    }

    /**
     * The result of one event.
     *
     * @param state   the response after the event; {@code null} only when the first event of a response is rejected
     * @param part    text or tool call to append to the response's parts, if the event carried one that is kept
     * @param outcome what happened to the event
     * @param reason  why it was rejected; {@code null} unless {@link Outcome#REJECTED}
     */
    public record Step(AssemblyState state, ResponsePart part, Outcome outcome, String reason) {
    }

    /**
     * The response after {@code event}.
     *
     * @param current   the response so far, or {@code null} if this is its first event
     * @param event     the next event of the response, in partition order
     * @param partition chunks-topic partition the event was read from
     * @param offset    offset of the event's record
     */
    public static Step apply(AssemblyState current, ChunkEvent event, int partition, long offset, Limits limits) {
        Draft draft = current == null ? Draft.first(event, partition, offset) : Draft.of(current);
        long seq = event.seq();
        long nextExpected = draft.eventCount + draft.gaps.size();
        boolean fillsGap = seq < nextExpected && draft.gaps.contains(seq);
        if (seq < nextExpected && !fillsGap) {
            draft.duplicates++;
            return new Step(draft.build(), null, Outcome.IGNORED, null);
        }
        if (draft.status != ResponseStatus.IN_PROGRESS) {
            draft.afterTerminal++;
            return new Step(draft.build(), null, Outcome.IGNORED, null);
        }
        // Subtracting keeps this exact for any seq up to Long.MAX_VALUE (no overflow of nextExpected + maxGaps).
        if (seq > nextExpected && seq - nextExpected > limits.maxGaps() - draft.gaps.size()) {
            return new Step(current, null, Outcome.REJECTED, "seq " + seq + " is " + (seq - nextExpected)
                    + " ahead of the next expected seq " + nextExpected + " of response " + event.responseId()
                    + "; at most " + limits.maxGaps() + " missing seqs are tracked per response");
        }
        if (fillsGap) {
            draft.gaps.remove(Long.valueOf(seq));
            draft.outOfOrder++;
        }
        for (long missing = nextExpected; missing < seq; missing++) {
            draft.gaps.add(missing);
        }
        draft.eventCount++;
        draft.lastEventAt = event.timestamp();
        draft.lastOffset = offset;
        ResponsePart part = applyContent(draft, event);
        if (part != null) {
            long size = part.jsonBytes();
            if (draft.truncated || draft.contentBytes + size > limits.maxContentBytes()) {
                draft.truncated = true;
                part = null;
            } else {
                draft.contentBytes += size;
                draft.parts++;
            }
        }
        return new Step(draft.build(), part, Outcome.APPLIED, null);
    }

    /**
     * The response closed as {@code abandoned}: its producer is presumed dead and no terminal event could be
     * written for it. Only a response still {@code in_progress} is abandoned; an ended one is returned unchanged.
     * Events arriving afterwards are counted in {@code integrity.after_terminal} like events after any other end.
     */
    public static AssemblyState abandon(AssemblyState current) {
        if (current.status() != ResponseStatus.IN_PROGRESS) {
            return current;
        }
        Draft draft = Draft.of(current);
        draft.status = ResponseStatus.ABANDONED;
        return draft.build();
    }

    /**
     * The audit record of {@code state} with its {@code parts} (in the order {@link #apply} returned them). A
     * truncated response that has ended is {@code failed}/{@code output_too_large}, with how it really ended in the
     * error message.
     */
    public static AssembledResponse assemble(AssemblyState state, List<ResponsePart> parts) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        List<AssembledToolCall> toolCalls = new ArrayList<>();
        for (ResponsePart part : parts) {
            if (part.text() != null) {
                text.append(part.text());
            } else if (part.toolCall() != null) {
                toolCalls.add(part.toolCall());
            } else if (part.thinking() != null) {
                thinking.append(part.thinking());
            }
        }
        AssembledResponse head = state.head();
        Content content = new Content(text.toString(), toolCalls, thinking.isEmpty() ? null : thinking.toString());
        if (!state.truncated()) {
            return withContent(head, content, head.status(), head.error(), null);
        }
        if (head.status() == ResponseStatus.IN_PROGRESS) {
            return withContent(head, content, head.status(), head.error(), true);
        }
        String ended = head.status().wireName() + (head.error() == null ? "" : " (" + head.error().code() + ": "
                + head.error().message() + ")");
        ErrorInfo tooLarge = new ErrorInfo(FailureCodes.OUTPUT_TOO_LARGE, "the response ended " + ended
                + ", but its text and tool calls exceed what one audit record holds; kept: the first "
                + state.contentBytes() + " bytes, the whole response is on the chunks topic, partition "
                + head.partition() + " from offset " + head.firstOffset());
        return withContent(head, content, ResponseStatus.FAILED, tooLarge, true);
    }

    /** What a response said: its text, its tool calls and its reasoning (null when it had none). */
    private record Content(String text, List<AssembledToolCall> toolCalls, String thinking) {
        static final Content NONE = new Content(null, List.of(), null);
    }

    private static AssembledResponse withContent(AssembledResponse head, Content content, ResponseStatus status,
                                                 ErrorInfo error, Boolean truncated) {
        return new AssembledResponse(head.responseId(), head.conversationId(), head.model(), status, content.text(),
                List.copyOf(content.toolCalls()), head.finishReason(), head.usage(), error, head.cancelReason(),
                head.startedAt(), head.firstEventAt(), head.lastEventAt(), head.eventCount(), head.partition(),
                head.firstOffset(), head.lastOffset(), head.integrity(), head.timings(), truncated, content.thinking());
    }

    /** {@code response} without text and tool calls: what the statistics need, at a size independent of the text. */
    public static AssembledResponse withoutContent(AssembledResponse response) {
        return withContent(response, Content.NONE, response.status(), response.error(), response.truncated());
    }

    private static ResponsePart applyContent(Draft draft, ChunkEvent event) {
        if (event instanceof ChunkEvent.ResponseStarted started) {
            draft.model = started.model();
            draft.startedAt = started.timestamp();
            draft.source = started.source();
        } else if (event instanceof ChunkEvent.TextDelta delta) {
            draft.textDeltas++;
            draft.firstToken(event.timestamp());
            return ResponsePart.text(delta.text());
        } else if (event instanceof ChunkEvent.ToolCall call) {
            draft.firstToken(event.timestamp());
            return ResponsePart.toolCall(new AssembledToolCall(call.callId(), call.name(), call.arguments()));
        } else if (event instanceof ChunkEvent.ThinkingDelta thinking) {
            // Reasoning is not the answer: it has its own field, and the first token is the first of the answer.
            return ResponsePart.thinking(thinking.text());
        } else if (event instanceof ChunkEvent.ResponseCompleted completed) {
            draft.status = ResponseStatus.COMPLETED;
            draft.finishReason = completed.finishReason();
            draft.usage = completed.usage();
        } else if (event instanceof ChunkEvent.ResponseFailed failed) {
            draft.status = ResponseStatus.FAILED;
            draft.error = new ErrorInfo(failed.code(), failed.message());
        } else if (event instanceof ChunkEvent.ResponseCancelled cancelled) {
            draft.status = ResponseStatus.CANCELLED;
            draft.cancelReason = cancelled.reason();
        }
        // ChunkEvent.Unknown: a newer producer's event; it occupies its seq and nothing else.
        return null;
    }

    /** The mutable working copy of one {@link AssemblyState} while an event is applied. */
    private static final class Draft {
        String responseId;
        String conversationId;
        String model;
        String source;
        ResponseStatus status;
        String finishReason;
        Usage usage;
        ErrorInfo error;
        String cancelReason;
        Instant startedAt;
        Instant firstEventAt;
        Instant lastEventAt;
        long eventCount;
        int partition;
        long firstOffset;
        long lastOffset;
        long duplicates;
        List<Long> gaps;
        long outOfOrder;
        long afterTerminal;
        Instant firstTokenAt;
        long textDeltas;
        long parts;
        long contentBytes;
        boolean truncated;
        boolean terminalWritten;

        void firstToken(Instant at) {
            if (firstTokenAt == null) {
                firstTokenAt = at;
            }
        }

        static Draft first(ChunkEvent event, int partition, long offset) {
            Draft draft = new Draft();
            draft.responseId = event.responseId();
            draft.conversationId = event.conversationId();
            draft.status = ResponseStatus.IN_PROGRESS;
            draft.firstEventAt = event.timestamp();
            draft.lastEventAt = event.timestamp();
            draft.partition = partition;
            draft.firstOffset = offset;
            draft.lastOffset = offset;
            draft.gaps = new ArrayList<>();
            return draft;
        }

        static Draft of(AssemblyState state) {
            AssembledResponse response = state.head();
            Draft draft = new Draft();
            draft.responseId = response.responseId();
            draft.conversationId = response.conversationId();
            draft.model = response.model();
            draft.source = state.source();
            draft.status = response.status();
            draft.finishReason = response.finishReason();
            draft.usage = response.usage();
            draft.error = response.error();
            draft.cancelReason = response.cancelReason();
            draft.startedAt = response.startedAt();
            draft.firstEventAt = response.firstEventAt();
            draft.lastEventAt = response.lastEventAt();
            draft.eventCount = response.eventCount();
            draft.partition = response.partition();
            draft.firstOffset = response.firstOffset();
            draft.lastOffset = response.lastOffset();
            Integrity integrity = response.integrity() == null ? Integrity.CLEAN : response.integrity();
            draft.duplicates = integrity.duplicates();
            draft.gaps = new ArrayList<>(integrity.gaps() == null ? List.of() : integrity.gaps());
            draft.outOfOrder = integrity.outOfOrder();
            draft.afterTerminal = integrity.afterTerminal();
            if (response.timings() != null) {
                draft.firstTokenAt = response.timings().firstTokenAt();
                draft.textDeltas = response.timings().textDeltas();
            }
            draft.parts = state.parts();
            draft.contentBytes = state.contentBytes();
            draft.truncated = state.truncated();
            draft.terminalWritten = state.terminalWritten();
            return draft;
        }

        AssemblyState build() {
            AssembledResponse head = new AssembledResponse(responseId, conversationId, model, status, "", List.of(),
                    finishReason, usage, error, cancelReason, startedAt, firstEventAt, lastEventAt, eventCount,
                    partition, firstOffset, lastOffset,
                    new Integrity(duplicates, List.copyOf(gaps), outOfOrder, afterTerminal), timings());
            return new AssemblyState(head, source, parts, contentBytes, truncated, terminalWritten);
        }

        private Timings timings() {
            Instant start = startedAt != null ? startedAt : firstEventAt;
            Long timeToFirstToken = startedAt == null || firstTokenAt == null ? null : millisBetween(startedAt, firstTokenAt);
            long tokens = usage != null ? usage.completionTokens() : textDeltas;
            Double tokensPerSecond = null;
            if (firstTokenAt != null && lastEventAt != null) {
                long generating = millisBetween(firstTokenAt, lastEventAt);
                if (generating > 0) {
                    tokensPerSecond = Math.round(tokens * 1_000_000.0 / generating) / 1000.0;
                }
            }
            return new Timings(firstTokenAt, timeToFirstToken, millisBetween(start, lastEventAt), textDeltas,
                    tokensPerSecond);
        }

        private static long millisBetween(Instant from, Instant to) {
            return from == null || to == null ? 0 : to.toEpochMilli() - from.toEpochMilli();
        }
    }
}
