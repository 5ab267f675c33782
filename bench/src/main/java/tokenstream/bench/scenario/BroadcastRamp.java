package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.stack.ProcessSampler;

import java.util.List;

/**
 * Many subscribers on one channel, the token rate raised step by step ({@link StepLadder}). The same procedure serves
 * the relay and Nchan, so their figures compare.
 */
final class BroadcastRamp {
    static final double P99_LIMIT_MS = 250;

    /** Starts publishing one response at {@code rate} events per second for {@code seconds}. */
    interface Publisher {
        void publish(String responseId, double rate, double seconds);
    }

    /**
     * @param best         the highest sustained step, or null if none was
     * @param steps        every step measured
     * @param bytesPerConnection server RSS growth from before the subscribers connected to the last step, per subscriber
     *                           (heap the server grew under the load included)
     * @param idleBytesPerConnection server RSS growth from before the subscribers connected to when all of them were
     *                               streaming and nothing was published yet, per subscriber
     */
    record Result(int subscribers, Step best, List<Step> steps, double bytesPerConnection,
                  double idleBytesPerConnection) {
        Step at(double rate) {
            for (Step step : steps) {
                if (step.offeredPerSecond() == rate * subscribers) {
                    return step;
                }
            }
            return null;
        }
    }

    private BroadcastRamp() {
    }

    static Result run(BenchContext context, String who, int port, long serverPid, int clients, String path,
                      double[] rates, Publisher publisher) {
        double warm = context.scale(3, 2);
        double window = context.scale(10, 5);
        ProcessSampler server = new ProcessSampler(serverPid);
        StepLadder.Climb climb;
        long rssBefore = server.rssKib();
        int opened;
        long rssIdle;
        try (LoadGenerator load = LoadGenerator.start(port, context.logDir().resolve("bench-" + who + "-loadgen.log"))) {
            opened = load.open(clients, 1, path, 256);
            rssIdle = server.rssKib();
            context.detail(who + ": " + opened + " of " + clients + " subscribers streaming; server RSS before "
                    + rssBefore / 1024 + " MiB, after connecting " + rssIdle / 1024 + " MiB");
            // A fresh JVM compiles its write path in the first seconds of load, with C2 taking one of the two cores:
            // one unmeasured step at the first rate warms it, so the first measured step shows the server and not the
            // compiler. Nchan gets the same step and has nothing to warm.
            double warmUp = context.scale(15, 5);
            publisher.publish(who + "-warm-up", rates[0], warmUp);
            BenchContext.sleepSeconds(warmUp + 2);
            int subscribers = opened;
            climb = StepLadder.climb(rates.length, P99_LIMIT_MS, rung -> {
                double rate = rates[rung];
                publisher.publish(who + "-" + (int) rate, rate, warm + window + 1);
                Step step = Step.measure(who + " " + subscribers + " subscribers x " + rate + " events/s",
                        rate * subscribers, load, server, warm, window);
                context.detail(step.describe());
                return step;
            });
        }
        List<Step> steps = climb.steps();
        long rssLoaded = steps.isEmpty() ? rssBefore : steps.get(steps.size() - 1).serverRssKib();
        return new Result(opened, climb.best(), steps, (rssLoaded - rssBefore) * 1024.0 / Math.max(1, opened),
                (rssIdle - rssBefore) * 1024.0 / Math.max(1, opened));
    }
}
