package tokenstream.bench.scenario;

import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ScenarioServices;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 2: one conversation, thousands of subscribers, the token rate ramped up to the 20/s; the relay's
 * delivered events/s, p99, CPU, RSS and memory per connection. Its result is kept for the Nchan comparison.
 */
public final class BroadcastScenario implements Scenario {
    static final double TARGET_RATE = 20;
    private static BroadcastRamp.Result lastRelayResult;

    @Override
    public int number() {
        return 2;
    }

    @Override
    public String title() {
        return "broadcast";
    }

    static int clients(BenchContext context) {
        return context.scale(10_000, 1_000);
    }

    static double[] rates(BenchContext context) {
        // 10/s is the low rate (CPU per delivery and p99 against Nchan's); 20/s x 10,000 is 200,000/s offered.
        return context.quick() ? new double[]{5, 10, 20} : new double[]{2, 5, 10, 15, 20};
    }

    /** The relay's ramp of this run, or null if scenario 2 did not run. */
    static BroadcastRamp.Result lastRelayResult() {
        return lastRelayResult;
    }

    @Override
    public void run(BenchContext context) {
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s2")) {
            Generations generations = new Generations(services.ingest().url());
            BroadcastRamp.Result result = BroadcastRamp.run(context, "relay", services.relay().port(),
                    services.relay().pid(), clients(context), "/v1/conversations/s2-0/stream", rates(context),
                    (responseId, rate, seconds) -> generations.start("s2-", 1, rate, seconds));
            lastRelayResult = result;
            report(context, "2 broadcast (relay)", result, true);
        }
    }

    static void report(BenchContext context, String name, BroadcastRamp.Result result, boolean checkTargets) {
        Step best = result.best();
        context.row(ResultRow.info(name, "subscribers on one conversation", String.valueOf(result.subscribers())));
        if (best == null) {
            context.row(ResultRow.info(name, "highest sustained step", "none (first step not sustained)"));
        } else {
            context.row(ResultRow.info(name, "highest sustained rate (events/s x subscribers)",
                    format(best.offeredPerSecond() / result.subscribers()) + " x " + result.subscribers()));
            context.row(ResultRow.info(name, "delivered events/s at it", format(best.deliveredPerSecond())));
            context.row(ResultRow.info(name, "p99 at it (ms)", format(best.p(99))));
            context.row(ResultRow.info(name, "server CPU at it (cores)", format(best.serverCores())));
            context.row(ResultRow.info(name, "server RSS at it (MiB)", String.valueOf(best.serverRssKib() / 1024)));
        }
        double kb = result.bytesPerConnection() / 1024;
        double idleKb = result.idleBytesPerConnection() / 1024;
        if (checkTargets) {
            Step target = result.at(TARGET_RATE);
            context.row(ResultRow.checked(name, "20 events/s x " + result.subscribers() + " sustained, p99 < 250 ms",
                    target == null ? "not reached" : format(target.deliveredPerSecond()) + "/s, p99 "
                            + format(target.p(99)) + " ms", "sustained", target != null && target.sustained(250)));
            context.row(ResultRow.checked(name, "memory per idle connection (KB)", format(idleKb), "<= 15",
                    idleKb <= 15));
        } else {
            context.row(ResultRow.info(name, "memory per idle connection (KB)", format(idleKb)));
        }
        context.row(ResultRow.info(name, "memory per connection after the ramp (KB, heap grown under load included)",
                format(kb)));
    }
}
