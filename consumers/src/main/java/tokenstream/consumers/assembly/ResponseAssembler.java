package tokenstream.consumers.assembly;

import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.AssembledResponse.AssembledToolCall;
import tokenstream.protocol.AssembledResponse.ErrorInfo;
import tokenstream.protocol.AssembledResponse.Integrity;
import tokenstream.protocol.AssembledResponse.Timings;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the chunk events of one response into an {@link AssembledResponse}, one event at a time. Pure:
 * no Kafka, no clock, no state of its own; the caller keeps the result and hands it back with the next event.
 *
 * <p>Sequence rules, in the order they are checked:
 * <ol>
 *   <li>A seq already applied is a <b>duplicate</b>: ignored, {@code integrity.duplicates} + 1.</li>
 *   <li>Once the response has ended (any status but {@code in_progress}) it is frozen: every further
 *       non-duplicate event is ignored and counted in {@code integrity.after_terminal}.</li>
 *   <li>A seq beyond the next expected one is applied, and every seq skipped over is recorded in
 *       {@code integrity.gaps}.</li>
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
 * <p>Timings come from the events' timestamps only, never from the clock of the machine assembling, so
 * that rebuilding from the topic reproduces them exactly.
 */
public final class ResponseAssembler {

    private ResponseAssembler() {
    }

    /**
     * The response after {@code event}.
     *
     * @param current   the response so far, or {@code null} if this is its first event
     * @param event     the next event of the response, in partition order
     * @param partition chunks-topic partition the event was read from
     * @param offset    offset of the event's record
     */
    public static AssembledResponse apply(AssembledResponse current, ChunkEvent event, int partition, long offset) {
        Draft draft = current == null ? Draft.first(event, partition, offset) : Draft.of(current);
        long seq = event.seq();
        long nextExpected = draft.eventCount + draft.gaps.size();
        boolean fillsGap = seq < nextExpected && draft.gaps.contains(seq);
        if (seq < nextExpected && !fillsGap) {
            draft.duplicates++;
            return draft.build();
        }
        if (draft.status != ResponseStatus.IN_PROGRESS) {
            draft.afterTerminal++;
            return draft.build();
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
        applyContent(draft, event);
        return draft.build();
    }

    /**
     * The response closed as {@code abandoned}: its producer is presumed dead. Only a response still
     * {@code in_progress} is abandoned; an ended one is returned unchanged. Events arriving afterwards are
     * counted in {@code integrity.after_terminal} like events after any other end.
     */
    public static AssembledResponse abandon(AssembledResponse current) {
        if (current.status() != ResponseStatus.IN_PROGRESS) {
            return current;
        }
        Draft draft = Draft.of(current);
        draft.status = ResponseStatus.ABANDONED;
        return draft.build();
    }

    private static void applyContent(Draft draft, ChunkEvent event) {
        if (event instanceof ChunkEvent.ResponseStarted started) {
            draft.model = started.model();
            draft.startedAt = started.timestamp();
        } else if (event instanceof ChunkEvent.TextDelta delta) {
            draft.text.append(delta.text());
            draft.textDeltas++;
            draft.firstToken(event.timestamp());
        } else if (event instanceof ChunkEvent.ToolCall call) {
            draft.toolCalls.add(new AssembledToolCall(call.callId(), call.name(), call.arguments()));
            draft.firstToken(event.timestamp());
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
    }

    /** The mutable working copy of one {@link AssembledResponse} while an event is applied. */
    private static final class Draft {
        String responseId;
        String conversationId;
        String model;
        ResponseStatus status;
        StringBuilder text;
        List<AssembledToolCall> toolCalls;
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
            draft.text = new StringBuilder();
            draft.toolCalls = new ArrayList<>();
            draft.firstEventAt = event.timestamp();
            draft.lastEventAt = event.timestamp();
            draft.partition = partition;
            draft.firstOffset = offset;
            draft.lastOffset = offset;
            draft.gaps = new ArrayList<>();
            return draft;
        }

        static Draft of(AssembledResponse response) {
            Draft draft = new Draft();
            draft.responseId = response.responseId();
            draft.conversationId = response.conversationId();
            draft.model = response.model();
            draft.status = response.status();
            draft.text = new StringBuilder(response.text() == null ? "" : response.text());
            draft.toolCalls = new ArrayList<>(response.toolCalls() == null ? List.of() : response.toolCalls());
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
            return draft;
        }

        AssembledResponse build() {
            return new AssembledResponse(responseId, conversationId, model, status, text.toString(),
                    List.copyOf(toolCalls), finishReason, usage, error, cancelReason, startedAt, firstEventAt,
                    lastEventAt, eventCount, partition, firstOffset, lastOffset,
                    new Integrity(duplicates, List.copyOf(gaps), outOfOrder, afterTerminal), timings());
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
