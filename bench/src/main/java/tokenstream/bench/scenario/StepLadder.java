package tokenstream.bench.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The rule every ramp follows: steps in order, each measured and then 2 s of rest, until two steps in a row are not
 * sustained (p99 at or over the limit, under 90 % of the offered deliveries, or any loss). One noisy step on a shared
 * machine must not end a ramp.
 */
final class StepLadder {

    /**
     * @param steps     every step measured, in order
     * @param bestRung  the rung of the highest sustained step, or -1 if none was
     */
    record Climb(List<Step> steps, int bestRung) {
        Step best() {
            return bestRung < 0 ? null : steps.get(bestRung);
        }
    }

    private StepLadder() {
    }

    /** Measures rungs 0, 1, ... up to {@code rungs - 1} with {@code measure} until the rule ends the climb. */
    static Climb climb(int rungs, double p99LimitMillis, IntFunction<Step> measure) {
        return climb(rungs, p99LimitMillis, measure, 2);
    }

    static Climb climb(int rungs, double p99LimitMillis, IntFunction<Step> measure, double restSeconds) {
        List<Step> steps = new ArrayList<>();
        int best = -1;
        int missesInARow = 0;
        for (int rung = 0; rung < rungs; rung++) {
            Step step = measure.apply(rung);
            steps.add(step);
            BenchContext.sleepSeconds(restSeconds);
            if (step.sustained(p99LimitMillis)) {
                best = rung;
                missesInARow = 0;
            } else if (++missesInARow == 2) {
                break;
            }
        }
        return new Climb(steps, best);
    }
}
