package tokenstream.bench.scenario;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tokenstream.bench.loadgen.LoadReport;
import tokenstream.bench.report.ResultRow;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManyConversationsPeerComparisonTest {

    private static Step step(double offered, long delivered, double p99Millis) {
        Histogram latency = new Histogram(3);
        latency.recordValue((long) (p99Millis * 1000));
        return new Step("step", offered, new LoadReport(Map.of("delivered", delivered, "window_us", 1_000_000L),
                latency), 0.5, 1024, "1.0");
    }

    private static String verdict(Step relay, Step nchan) {
        ResultRow row = ManyConversationsPeerScenario.comparison("7", relay, nchan);
        return row.verdict();
    }

    @Test
    void aHigherSustainedStepWins() {
        assertEquals("PASS", verdict(step(50_000, 49_000, 90), step(30_000, 30_000, 10)));
        assertEquals("MISS", verdict(step(20_000, 20_000, 10), step(30_000, 30_000, 90)));
    }

    @Test
    void onTheSameStepTheLowerP99WinsWhateverTheWindowsDeliveredCounts() {
        assertEquals("PASS", verdict(step(30_000, 29_939, 31.5), step(30_000, 29_997, 40.9)));
        assertEquals("MISS", verdict(step(30_000, 30_100, 40.9), step(30_000, 29_900, 31.5)));
    }

    @Test
    void aSideWithoutASustainedStepLoses() {
        assertEquals("PASS", verdict(step(10_000, 10_000, 50), null));
        assertEquals("MISS", verdict(null, step(10_000, 10_000, 50)));
        assertEquals("MISS", verdict(null, null));
    }
}
