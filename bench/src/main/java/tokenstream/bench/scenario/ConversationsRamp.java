package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.stack.ProcessSampler;

import java.nio.file.Path;
import java.util.List;

/**
 * Thousands of conversations with two subscribers each, the token rate per conversation raised step by step
 * ({@link StepLadder}) after one unmeasured step, with p99 under 100 ms. The same procedure serves the relay
 * (scenario 3) and Nchan (scenario 7), so their figures compare.
 */
final class ConversationsRamp {
    static final double P99_LIMIT_MS = 100;
    static final int CLIENTS_PER_CONVERSATION = 2;

    /** Starts a new response in every conversation at {@code rate} events per second for {@code seconds}. */
    interface Publisher {
        /** @return how many conversations it started */
        int publish(String tag, double rate, double seconds);
    }

    /**
     * @param best  the highest sustained step, or null if none was
     * @param steps every step measured
     */
    record Result(int conversations, int subscribers, Step best, List<Step> steps) {
        Step last() {
            return steps.isEmpty() ? null : steps.get(steps.size() - 1);
        }
    }

    private ConversationsRamp() {
    }

    static int conversations(BenchContext context) {
        return context.scale(5000, 500);
    }

    /**
     * @param pathTemplate each subscriber's path, {@code {n}} standing for its conversation's number
     */
    static Result run(BenchContext context, String who, int port, long serverPid, String pathTemplate,
                      Publisher publisher) {
        int conversations = conversations(context);
        double[] rates = context.quick() ? new double[]{2, 5} : new double[]{1, 2, 3, 5, 8};
        double warm = context.scale(5, 3);
        double window = context.scale(10, 5);
        // Not the broadcast's log name: scenario 2 and 3 both run a "relay" side.
        Path log = context.logDir().resolve("bench-" + who + "-conversations-loadgen.log");
        try (LoadGenerator load = LoadGenerator.start(port, log)) {
            int opened = load.open(conversations * CLIENTS_PER_CONVERSATION, conversations, pathTemplate, 256);
            context.detail(who + ": " + opened + " subscribers streaming on " + conversations + " conversations");
            ProcessSampler server = new ProcessSampler(serverPid);
            // As in the broadcast ramp: one unmeasured step at the first rate, so a fresh JVM's compiler is not in the
            // first measured step (Nchan gets the same step and has nothing to warm).
            double warmUp = context.scale(15, 5);
            publisher.publish(who + "-warm-up", rates[0], warmUp);
            BenchContext.sleepSeconds(warmUp + 2);
            StepLadder.Climb climb = StepLadder.climb(rates.length, P99_LIMIT_MS, rung -> {
                double rate = rates[rung];
                int started = publisher.publish(who + "-" + rate, rate, warm + window + 1);
                Step step = Step.measure(who + " " + conversations + " conversations x " + CLIENTS_PER_CONVERSATION + " clients x " + rate
                        + " tok/s (" + started + " responses)", rate * opened, load, server, warm, window);
                context.detail(step.describe());
                return step;
            });
            return new Result(conversations, opened, climb.best(), climb.steps());
        }
    }
}
