package tokenstream.bench.scenario;

import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ScenarioServices;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 3: thousands of conversations with two subscribers each; the per-conversation token rate is raised until
 * p99 reaches 100 ms; reports the delivered events/s of the highest rate that stayed under it. Its result is kept for
 * the Nchan comparison (scenario 7).
 */
public final class ManyConversationsScenario implements Scenario {
    private static ConversationsRamp.Result lastRelayResult;

    @Override
    public int number() {
        return 3;
    }

    @Override
    public String title() {
        return "many conversations";
    }

    /** The relay's ramp of this run, or null if scenario 3 did not run. */
    static ConversationsRamp.Result lastRelayResult() {
        return lastRelayResult;
    }

    @Override
    public void run(BenchContext context) {
        ConversationsRamp.Result result;
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s3")) {
            Generations generations = new Generations(services.ingest().url());
            result = ConversationsRamp.run(context, "relay", services.relay().port(), services.relay().pid(),
                    "/v1/conversations/s3-{n}/stream", (tag, rate, seconds) ->
                            generations.start("s3-", ConversationsRamp.conversations(context), rate, seconds));
        }
        lastRelayResult = result;
        report(context, "3 many conversations", result, "relay");
    }

    static void report(BenchContext context, String name, ConversationsRamp.Result result, String server) {
        context.row(ResultRow.info(name, "conversations x clients", result.conversations() + " x "
                + ConversationsRamp.CLIENTS_PER_CONVERSATION));
        Step best = result.best();
        if (best == null) {
            Step last = result.last();
            context.row(ResultRow.checked(name, "highest rate with p99 < 100 ms", last == null ? "none; no step ran"
                    : "none; last step: " + format(last.deliveredPerSecond()) + "/s, p99 " + format(last.p(99))
                    + " ms", "p99 < 100 ms", false));
            return;
        }
        context.row(ResultRow.info(name, "highest rate with p99 < 100 ms (tok/s per conversation)",
                format(best.offeredPerSecond() / result.subscribers())));
        context.row(ResultRow.checked(name, "delivered events/s at it (p99 ms)", format(best.deliveredPerSecond())
                + " (p99 " + format(best.p(99)) + ")", "p99 < 100 ms", true));
        context.row(ResultRow.info(name, server + " CPU at it (cores)", format(best.serverCores())));
    }
}
