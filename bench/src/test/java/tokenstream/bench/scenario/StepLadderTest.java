package tokenstream.bench.scenario;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tokenstream.bench.loadgen.LoadReport;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StepLadderTest {
    private static final double LIMIT_MS = 100;

    /** A step that delivered all it was offered, with every event at {@code p99Millis}. */
    private static Step step(double p99Millis) {
        Histogram latency = new Histogram(3);
        latency.recordValue((long) (p99Millis * 1000));
        LoadReport report = new LoadReport(Map.of("delivered", 100L, "window_us", 1_000_000L), latency);
        return new Step("p99 " + p99Millis, 100, report, 0.5, 1024, "1.0");
    }

    private static StepLadder.Climb climb(double... p99s) {
        return StepLadder.climb(p99s.length, LIMIT_MS, rung -> step(p99s[rung]), 0);
    }

    @Test
    void twoStepsInARowOverTheLimitEndTheClimb() {
        StepLadder.Climb climb = climb(50, 150, 150, 50);

        assertEquals(3, climb.steps().size());
        assertEquals(0, climb.bestRung());
    }

    @Test
    void oneNoisyStepDoesNotEndTheClimb() {
        StepLadder.Climb climb = climb(50, 150, 60, 150, 150, 50);

        assertEquals(5, climb.steps().size());
        assertEquals(2, climb.bestRung());
        assertEquals(60, climb.best().p(99), 1);
    }

    @Test
    void aClimbWithoutASustainedStepHasNoBest() {
        StepLadder.Climb climb = climb(150, 150, 50);

        assertEquals(2, climb.steps().size());
        assertNull(climb.best());
    }

    @Test
    void aStepThatLosesEventsIsNotSustainedWhateverItsLatency() {
        Histogram latency = new Histogram(3);
        latency.recordValue(1000);
        Step lossy = new Step("lossy", 100, new LoadReport(Map.of("delivered", 100L, "window_us", 1_000_000L,
                "lost", 1L), latency), 0.5, 1024, "1.0");

        StepLadder.Climb climb = StepLadder.climb(1, LIMIT_MS, rung -> lossy, 0);

        assertNull(climb.best());
    }
}
