package tokenstream.consumers.assembly;

import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.AssembledResponse.AssembledToolCall;
import tokenstream.protocol.AssembledResponse.ErrorInfo;
import tokenstream.protocol.AssembledResponse.Integrity;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ResponseStatus;
import tokenstream.protocol.Usage;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseAssemblerTest {
    private static final int PARTITION = 3;
    private static final long FIRST_OFFSET = 100;

    private final ResponseEvents r = ResponseEvents.fresh();

    private static final ResponseAssembler.Limits LIMITS = new ResponseAssembler.Limits(8, 1_000);

    /** The state and the parts kept after some events, as the processor's stores would hold them. */
    private record Folded(AssemblyState state, List<ResponsePart> parts, List<ResponseAssembler.Step> steps) {
        AssembledResponse response() {
            return ResponseAssembler.assemble(state, parts);
        }
    }

    /** Applies the events in the order given, as records at offsets 100, 101, ... of partition 3. */
    private static Folded fold(ChunkEvent... events) {
        AssemblyState state = null;
        List<ResponsePart> parts = new ArrayList<>();
        List<ResponseAssembler.Step> steps = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            ResponseAssembler.Step step = ResponseAssembler.apply(state, events[i], PARTITION, FIRST_OFFSET + i, LIMITS);
            steps.add(step);
            if (step.state() != null) {
                state = step.state();
            }
            if (step.part() != null) {
                parts.add(step.part());
            }
        }
        return new Folded(state, parts, steps);
    }

    private static AssembledResponse assemble(ChunkEvent... events) {
        return fold(events).response();
    }

    @Test
    void textDeltasAreConcatenatedInSeqOrder() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "Hel"), r.text(2, "lo, "),
                r.text(3, "world"), r.completed(4, "stop", null));

        assertEquals("Hello, world", response.text());
    }

    @Test
    void thinkingStaysOutOfTheTextAndIsKeptInItsOwnField() {
        AssembledResponse response = assemble(r.started(0, "m"), r.thinking(1, "Two cities,"), r.thinking(2, " two calls."),
                r.text(3, "Let me check."), r.completed(4, "stop", null));

        assertEquals("Let me check.", response.text());
        assertEquals("Two cities, two calls.", response.thinking());
        assertEquals(5, response.eventCount());
    }

    @Test
    void aResponseWithoutThinkingHasNoThinkingField() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "Hi"), r.completed(2, "stop", null));

        assertNull(response.thinking());
        String json = new String(AssembledResponseJson.write(response), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!json.contains("\"thinking\""), json);
    }

    @Test
    void firstEventFixesIdentityModelAndReplayPosition() {
        AssembledResponse response = assemble(r.started(0, "simulator"), r.text(1, "a"));

        assertEquals(r.responseId, response.responseId());
        assertEquals(r.conversationId, response.conversationId());
        assertEquals("simulator", response.model());
        assertEquals(ResponseEvents.at(0), response.startedAt());
        assertEquals(ResponseEvents.at(0), response.firstEventAt());
        assertEquals(PARTITION, response.partition());
        assertEquals(FIRST_OFFSET, response.firstOffset());
    }

    @Test
    void responseWithoutTerminalEventIsInProgress() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "partial"));

        assertEquals(ResponseStatus.IN_PROGRESS, response.status());
        assertEquals(2, response.eventCount());
        assertEquals(ResponseEvents.at(1), response.lastEventAt());
        assertEquals(FIRST_OFFSET + 1, response.lastOffset());
    }

    @Test
    void toolCallsAreKeptWholeInSeqOrder() {
        AssembledResponse response = assemble(r.started(0, "m"),
                r.toolCall(1, "call-1", "search", "{\"q\":\"kafka\"}"),
                r.text(2, "and "),
                r.toolCall(3, "call-2", "fetch", "[1,2]"),
                r.completed(4, "tool_calls", null));

        List<AssembledToolCall> calls = response.toolCalls();
        assertEquals(2, calls.size());
        assertEquals("call-1", calls.get(0).callId());
        assertEquals("search", calls.get(0).name());
        assertEquals("kafka", calls.get(0).arguments().get("q").asText());
        assertEquals("call-2", calls.get(1).callId());
        assertEquals("[1,2]", calls.get(1).arguments().toString());
        assertEquals("and ", response.text());
    }

    @Test
    void completedResponseCarriesFinishReasonAndUsage() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "hi"),
                r.completed(2, "length", Usage.of(7, 2)));

        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals("length", response.finishReason());
        assertEquals(new Usage(7, 2, 9), response.usage());
        assertEquals(3, response.eventCount());
        assertEquals(ResponseEvents.at(2), response.lastEventAt());
        assertEquals(FIRST_OFFSET + 2, response.lastOffset());
        assertEquals(Integrity.CLEAN, response.integrity());
    }

    @Test
    void failedResponseCarriesItsTypedError() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "so far"),
                r.failed(2, "upstream_timeout", "the model stopped answering"));

        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals(new ErrorInfo("upstream_timeout", "the model stopped answering"), response.error());
        assertEquals("so far", response.text());
        assertNull(response.finishReason());
    }

    @Test
    void cancelledResponseCarriesItsCancelReason() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "so"), r.cancelled(2, "user_stop"));

        assertEquals(ResponseStatus.CANCELLED, response.status());
        assertEquals("user_stop", response.cancelReason());
        assertEquals("so", response.text());
    }

    @Test
    void duplicateSeqIsIgnoredAndCounted() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "a"), r.text(1, "a"),
                r.text(2, "b"), r.started(0, "m"), r.completed(3, "stop", null), r.completed(3, "stop", null));

        assertEquals("ab", response.text());
        assertEquals(4, response.eventCount());
        assertEquals(3, response.integrity().duplicates());
        assertEquals(List.of(), response.integrity().gaps());
        assertEquals(FIRST_OFFSET + 5, response.lastOffset());
    }

    @Test
    void skippedSeqsAreReportedAsGapsAndTheLaterEventIsApplied() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "a"), r.text(4, "d"),
                r.completed(5, "stop", null));

        assertEquals(List.of(2L, 3L), response.integrity().gaps());
        assertEquals("ad", response.text());
        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals(4, response.eventCount());
    }

    @Test
    void responseFirstSeenMidwayReportsTheEarlierSeqsAsGaps() {
        AssembledResponse response = assemble(r.text(2, "c"));

        assertEquals(List.of(0L, 1L), response.integrity().gaps());
        assertNull(response.model());
        assertEquals(ResponseStatus.IN_PROGRESS, response.status());
    }

    @Test
    void lateEventFillsItsGapAndCountsAsOutOfOrder() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(2, "b"), r.text(1, "a"), r.text(3, "c"));

        assertEquals(List.of(), response.integrity().gaps());
        assertEquals(1, response.integrity().outOfOrder());
        assertEquals(0, response.integrity().duplicates());
        assertEquals(4, response.eventCount());
        assertEquals("bac", response.text(), "a late delta is appended where it arrives, not spliced back");
    }

    @Test
    void eventsAfterTheTerminalEventAreIgnoredAndCounted() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "done"), r.completed(2, "stop", null),
                r.text(3, "too late"), r.failed(4, "late_failure", "ignored"));

        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals("done", response.text());
        assertNull(response.error());
        assertEquals(2, response.integrity().afterTerminal());
        assertEquals(3, response.eventCount());
        assertEquals(FIRST_OFFSET + 2, response.lastOffset());
    }

    @Test
    void unknownEventTypeTakesItsSeqAndChangesNothingElse() {
        AssembledResponse response = assemble(r.started(0, "m"), r.unknown(1, "reasoning.delta"), r.text(2, "x"),
                r.completed(3, "stop", null));

        assertEquals("x", response.text());
        assertEquals(4, response.eventCount());
        assertEquals(Integrity.CLEAN, response.integrity());
    }

    @Test
    void timingsMeasureFirstTokenDurationAndRateOnEventTimestamps() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "a"), r.text(2, "b"), r.text(3, "c"),
                r.completed(5, "stop", Usage.of(2, 8)));

        AssembledResponse.Timings timings = response.timings();
        assertEquals(1_000L, timings.timeToFirstTokenMs());
        assertEquals(5_000L, timings.durationMs());
        assertEquals(3, timings.textDeltas());
        assertEquals(2.0, timings.tokensPerSecond(), "8 completion tokens over the 4 s after the first token");
    }

    @Test
    void withoutUsageTheRateCountsTextDeltas() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(2, "a"), r.text(3, "b"), r.text(4, "c"),
                r.text(6, "d"));

        assertEquals(1.0, response.timings().tokensPerSecond(), "4 deltas over the 4 s from first to last");
        assertEquals(2_000L, response.timings().timeToFirstTokenMs());
    }

    @Test
    void responseWithoutTokensHasNoTimeToFirstTokenNorRate() {
        AssembledResponse response = assemble(r.started(0, "m"), r.failed(3, "upstream_error", "down"));

        assertNull(response.timings().timeToFirstTokenMs());
        assertNull(response.timings().tokensPerSecond());
        assertEquals(3_000L, response.timings().durationMs());
    }

    @Test
    void toolCallCountsAsTheFirstToken() {
        AssembledResponse response = assemble(r.started(0, "m"), r.toolCall(2, "c", "f", "{}"));

        assertEquals(2_000L, response.timings().timeToFirstTokenMs());
    }

    @Test
    void abandoningKeepsEverythingAssembledSoFar() {
        Folded open = fold(r.started(0, "m"), r.text(1, "a"), r.text(1, "a"), r.text(3, "c"));

        AssembledResponse abandoned = ResponseAssembler.assemble(ResponseAssembler.abandon(open.state()), open.parts());

        assertEquals(ResponseStatus.ABANDONED, abandoned.status());
        assertEquals("ac", abandoned.text());
        assertEquals(open.response().integrity(), abandoned.integrity());
        assertEquals(open.response().timings(), abandoned.timings());
    }

    @Test
    void anEndedResponseIsNotAbandoned() {
        AssemblyState completed = fold(r.started(0, "m"), r.completed(1, "stop", null)).state();

        assertEquals(completed, ResponseAssembler.abandon(completed));
    }

    @Test
    void theStateHoldsNoTextSoADeltaCostsTheSameHoweverLongTheResponse() {
        Folded folded = fold(r.started(0, "m"), r.text(1, "x".repeat(400)), r.text(2, "y".repeat(400)));

        assertEquals("", folded.state().head().text());
        assertEquals(List.of(ResponsePart.text("x".repeat(400)), ResponsePart.text("y".repeat(400))), folded.parts());
        assertEquals(800, folded.state().contentBytes());
    }

    @Test
    void aSeqThatWouldOpenMoreGapsThanTheLimitIsRejectedAndChangesNothing() {
        Folded folded = fold(r.started(0, "m"), r.text(1, "a"), r.text(2_147_483_648L, "far"), r.text(2, "b"));

        ResponseAssembler.Step far = folded.steps().get(2);
        assertEquals(ResponseAssembler.Outcome.REJECTED, far.outcome());
        assertTrue(far.reason().contains("at most 8 missing seqs"), far.reason());
        assertEquals("ab", folded.response().text());
        assertEquals(List.of(), folded.response().integrity().gaps());
    }

    @Test
    void aFirstEventWithTheLargestSeqIsRejectedWithoutAState() {
        ResponseAssembler.Step step = fold(new ChunkEvent.TextDelta(r.conversationId, r.responseId, Long.MAX_VALUE,
                ResponseEvents.T0, "x")).steps().get(0);

        assertEquals(ResponseAssembler.Outcome.REJECTED, step.outcome());
        assertNull(step.state());
    }

    @Test
    void gapsUpToTheLimitAreRecorded() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(9, "z"));

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), response.integrity().gaps());
    }

    @Test
    void contentBeyondTheLimitIsNotKeptAndTheEndedResponseFailsAsOutputTooLarge() {
        Folded folded = fold(r.started(0, "m"), r.text(1, "a".repeat(600)), r.text(2, "b".repeat(600)),
                r.text(3, "c"), r.completed(4, "stop", null));

        AssembledResponse response = folded.response();
        assertEquals("a".repeat(600), response.text(), "kept: a prefix of what streamed, within the limit");
        assertEquals(ResponseStatus.FAILED, response.status());
        assertEquals("output_too_large", response.error().code());
        assertTrue(response.error().message().contains("ended completed"), response.error().message());
        assertEquals(Boolean.TRUE, response.truncated());
        assertEquals(5, response.eventCount());
    }

    @Test
    void escapedSizeCountsJsonEscapes() {
        assertEquals(2 + 6 + 1 + 2 + 3 + 4, ResponsePart.escapedJsonBytes("\"\u0001aé€😀"));
    }

    @Test
    void startRemembersWhoProducesTheResponse() {
        AssemblyState state = fold(r.started(0, "m").withSource("generation"), r.text(1, "a")).state();

        assertEquals("generation", state.source());
        assertEquals(1, state.lastSeq());
    }
}
