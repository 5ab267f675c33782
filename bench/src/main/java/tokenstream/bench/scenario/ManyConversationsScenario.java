package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ProcessSampler;
import tokenstream.bench.stack.ScenarioServices;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 3: thousands of conversations with two subscribers each; the per-conversation token rate is raised until
 * p99 reaches 100 ms; reports the delivered events/s of the highest rate that stayed under it.
 */
public final class ManyConversationsScenario implements Scenario {
    private static final double P99_LIMIT_MS = 100;

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "many conversations";
    }

    @Override
    public void run(BenchContext context) {
        String name = "3 many conversations";
        int conversations = context.scale(5000, 500);
        double[] rates = context.quick() ? new double[]{2, 5} : new double[]{1, 2, 3, 5, 8};
        double warm = context.scale(5, 3);
        double window = context.scale(10, 5);
        Step best = null;
        Step last = null;
        int missesInARow = 0;
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s3");
             LoadGenerator load = LoadGenerator.start(services.relay().port(), context.logDir().resolve("bench-s3-loadgen.log"))) {
            int opened = load.open(conversations * 2, conversations, "/v1/conversations/s3-{n}/stream", 256);
            context.detail("scenario 3: " + opened + " subscribers streaming on " + conversations + " conversations");
            Generations generations = new Generations(services.ingest().url());
            ProcessSampler relay = new ProcessSampler(services.relay().pid());
            for (double rate : rates) {
                int started = generations.start("s3-", conversations, rate, warm + window + 1);
                last = Step.measure(conversations + " conversations x 2 clients x " + rate + " tok/s (" + started
                        + " generations)", rate * opened, load, relay, warm, window);
                context.detail(last.describe());
                BenchContext.sleepSeconds(2);
                if (last.sustained(P99_LIMIT_MS)) {
                    best = last;
                    missesInARow = 0;
                } else if (++missesInARow == 2) {
                    break;
                }
            }
        }
        context.row(ResultRow.info(name, "conversations x clients", conversations + " x 2"));
        if (best == null) {
            context.row(ResultRow.checked(name, "highest rate with p99 < 100 ms", "none; last step: "
                    + format(last.deliveredPerSecond()) + "/s, p99 " + format(last.p(99)) + " ms", "p99 < 100 ms", false));
            return;
        }
        context.row(ResultRow.info(name, "highest rate with p99 < 100 ms (tok/s per conversation)",
                format(best.offeredPerSecond() / (conversations * 2.0))));
        context.row(ResultRow.checked(name, "delivered events/s at it (p99 ms)", format(best.deliveredPerSecond())
                + " (p99 " + format(best.p(99)) + ")", "p99 < 100 ms", true));
        context.row(ResultRow.info(name, "relay CPU at it (cores)", format(best.serverCores())));
    }
}
