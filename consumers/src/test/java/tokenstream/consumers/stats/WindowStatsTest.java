package tokenstream.consumers.stats;

import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.Folds;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WindowStatsTest {
    private static final Instant START = ResponseEvents.T0;

    private static AssembledResponse assemble(ChunkEvent... events) {
        return Folds.assemble(0, 0, events);
    }

    /** A completed response whose first token came {@code ttftSeconds} after its start. */
    private static AssembledResponse completedAfter(int ttftSeconds) {
        ResponseEvents r = ResponseEvents.fresh();
        return assemble(r.started(0, "m"), r.text(ttftSeconds, "x"), r.completed(ttftSeconds + 1, "stop", null));
    }

    @Test
    void percentilesUseNearestRank() {
        List<Long> ascending = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L,
                18L, 19L, 20L);

        assertEquals(10L, WindowStats.percentile(ascending, 50));
        assertEquals(19L, WindowStats.percentile(ascending, 95));
        assertNull(WindowStats.percentile(List.of(), 50));
    }

    @Test
    void summaryHasCountsRatesFailuresByCodeAndTimeToFirstTokenPercentiles() {
        ResponseEvents failed = ResponseEvents.fresh();
        ResponseEvents cancelled = ResponseEvents.fresh();
        WindowStats stats = WindowStats.empty("m", START, START.plusSeconds(60))
                .add(completedAfter(1))
                .add(completedAfter(3))
                .add(assemble(failed.started(4, "m"), failed.failed(5, "rate_limited", "slow down")))
                .add(assemble(cancelled.started(0, "m"), cancelled.text(2, "x"), cancelled.cancelled(4, "user")));

        ModelWindowStats summary = stats.summary();

        assertEquals(4, summary.count());
        assertEquals(2, summary.completed());
        assertEquals(1, summary.failed());
        assertEquals(1, summary.cancelled());
        assertEquals(0.25, summary.cancelRate());
        assertEquals(0.25, summary.failureRate());
        assertEquals(Map.of("rate_limited", 1L), summary.failuresByCode());
        assertEquals(2_000L, summary.timeToFirstTokenP50Ms(), "samples 1 s, 2 s, 3 s");
        assertEquals(3_000L, summary.timeToFirstTokenP95Ms());
    }

    @Test
    void tokensPerSecondIsTheMeanOverResponsesWithARate() {
        ResponseEvents fast = ResponseEvents.fresh();
        ResponseEvents slow = ResponseEvents.fresh();
        WindowStats stats = WindowStats.empty("m", START, START.plusSeconds(60))
                .add(assemble(fast.started(0, "m"), fast.text(1, "a"), fast.text(2, "b"), fast.text(3, "c"),
                        fast.completed(4, "stop", null)))
                .add(assemble(slow.started(0, "m"), slow.text(1, "a"), slow.completed(5, "stop", null)));

        assertEquals((1.0 + 0.25) / 2, stats.summary().tokensPerSecond(), 0.001);
    }
}
