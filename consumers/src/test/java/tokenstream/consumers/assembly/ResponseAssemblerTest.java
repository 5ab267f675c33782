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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResponseAssemblerTest {
    private static final int PARTITION = 3;
    private static final long FIRST_OFFSET = 100;

    private final ResponseEvents r = ResponseEvents.fresh();

    /** Applies the events in the order given, as records at offsets 100, 101, ... of partition 3. */
    private static AssembledResponse assemble(ChunkEvent... events) {
        AssembledResponse response = null;
        for (int i = 0; i < events.length; i++) {
            response = ResponseAssembler.apply(response, events[i], PARTITION, FIRST_OFFSET + i);
        }
        return response;
    }

    @Test
    void textDeltasAreConcatenatedInSeqOrder() {
        AssembledResponse response = assemble(r.started(0, "m"), r.text(1, "Hel"), r.text(2, "lo, "),
                r.text(3, "world"), r.completed(4, "stop", null));

        assertEquals("Hello, world", response.text());
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
        AssembledResponse open = assemble(r.started(0, "m"), r.text(1, "a"), r.text(1, "a"), r.text(3, "c"));

        AssembledResponse abandoned = ResponseAssembler.abandon(open);

        assertEquals(ResponseStatus.ABANDONED, abandoned.status());
        assertEquals("ac", abandoned.text());
        assertEquals(open.integrity(), abandoned.integrity());
        assertEquals(open.timings(), abandoned.timings());
    }

    @Test
    void anEndedResponseIsNotAbandoned() {
        AssembledResponse completed = assemble(r.started(0, "m"), r.completed(1, "stop", null));

        assertEquals(completed, ResponseAssembler.abandon(completed));
    }
}
