package tokenstream.bench.scenario;

import tokenstream.bench.baseline.BaselineServer;
import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ProcessSampler;
import tokenstream.bench.stack.ScenarioServices;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.localstack.ServiceProcess;

import java.util.function.IntFunction;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 5: scenario 1's load (one subscriber per conversation, 30 tok/s) on a ladder of stream counts, served
 * first by a server with one Kafka consumer per client, then by the relay, on the same topic and producer. A step
 * is sustained with p99 under 100 ms, 90 % of offered deliveries, no loss and no failed connection; the ratio of
 * the highest sustained counts is the result.
 */
public final class BaselineScenario implements Scenario {
    private static final double P99_LIMIT_MS = 100;

    @Override
    public int number() {
        return 5;
    }

    @Override
    public String title() {
        return "baseline (one Kafka consumer per client)";
    }

    @Override
    public void run(BenchContext context) {
        String name = "5 baseline";
        int[] ladder = context.quick() ? new int[]{25, 50, 100} : new int[]{50, 75, 100, 150, 200, 300, 400, 600, 800, 1200, 1600, 2400, 3200};
        int baselineBest;
        int relayBest;
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s5")) {
            Generations generations = new Generations(services.ingest().url());
            ServiceProcess relay = services.relay();
            // The relay's shared tail would read the baseline's traffic too; it stays off while the baseline runs.
            relay.stop();
            try (BaselineServer baseline = BaselineServer.start(context.stack().bootstrapServers(), services.topic(),
                    TopicPlan.CHUNK_PARTITIONS, context.logDir().resolve("bench-s5-baseline.log"))) {
                baselineBest = ladder(context, "baseline", ladder, baseline.port(), baseline.pid(), generations);
            }
            relay.start();
            relayBest = ladder(context, "relay", ladder, relay.port(), relay.pid(), generations);
        }
        int top = ladder[ladder.length - 1];
        context.row(ResultRow.info(name, "highest sustained streams: baseline / relay (ladder up to " + top + ")",
                baselineBest + " / " + relayBest + (relayBest == top ? " (relay at the top of the ladder)" : "")));
        String ratio = baselineBest == 0 ? "n/a (baseline sustained no step)" : format((double) relayBest / baselineBest) + "x";
        context.row(ResultRow.checked(name, "relay / baseline sustainable streams", ratio, ">= 10x",
                baselineBest > 0 && relayBest >= 10L * baselineBest));
    }

    private static int ladder(BenchContext context, String who, int[] ladder, int port, long pid, Generations generations) {
        double warm = context.scale(4, 3);
        double window = context.scale(10, 5);
        ProcessSampler server = new ProcessSampler(pid);
        IntFunction<String> prefix = streams -> "s5-" + who + "-" + streams + "-";
        StepLadder.Climb climb = StepLadder.climb(ladder.length, P99_LIMIT_MS, rung -> {
            int streams = ladder[rung];
            Step step;
            try (LoadGenerator load = LoadGenerator.start(port, context.logDir().resolve("bench-s5-loadgen.log"))) {
                int opened = load.open(streams, streams, "/v1/conversations/" + prefix.apply(streams) + "{n}/stream", 256);
                generations.start(prefix.apply(streams), streams, LatencyScenario.TOKENS_PER_SECOND, warm + window + 1);
                step = Step.measure(who + " " + opened + "/" + streams + " streams x 30 tok/s",
                        LatencyScenario.TOKENS_PER_SECOND * streams, load, server, warm, window);
            }
            context.detail(step.describe());
            context.detail(String.format(java.util.Locale.ROOT, "%s CPU per delivered event: %.0f us",
                    who, step.serverCores() * 1e6 / Math.max(1, step.deliveredPerSecond())));
            return step;
        });
        return climb.bestRung() < 0 ? 0 : ladder[climb.bestRung()];
    }
}
