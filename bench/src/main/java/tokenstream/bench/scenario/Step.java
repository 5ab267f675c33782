package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.loadgen.LoadReport;
import tokenstream.bench.stack.ProcessSampler;

import java.util.Locale;

/**
 * One measured load step: what was offered, what the subscribers got and what the server spent on it.
 *
 * @param offeredPerSecond deliveries per second the load asks for (events produced × subscribers per conversation)
 */
public record Step(String label, double offeredPerSecond, LoadReport report, double serverCores, long serverRssKib,
                   String loadAverage) {

    /** Waits {@code warmSeconds}, then measures a window of {@code seconds}. */
    static Step measure(String label, double offeredPerSecond, LoadGenerator load, ProcessSampler server,
                        double warmSeconds, double seconds) {
        BenchContext.sleepSeconds(warmSeconds);
        load.reset();
        server.mark();
        BenchContext.sleepSeconds(seconds);
        LoadReport report = load.report();
        return new Step(label, offeredPerSecond, report, server.coresSinceMark(), server.rssKib(),
                LatencyScenario.loadAverage().split(" ")[0]);
    }

    public double deliveredPerSecond() {
        return report.deliveredPerSecond();
    }

    public double p(double percentile) {
        return report.percentileMillis(percentile);
    }

    /**
     * Kept up: at least 90 % of the offered deliveries arrived, p99 under the limit, nothing lost or duplicated,
     * no failed connection.
     */
    public boolean sustained(double p99LimitMillis) {
        return keptUp() && p(99) < p99LimitMillis
                && report.get("lost") == 0 && report.get("duplicated") == 0 && report.errors() == 0;
    }

    /** At least 90 % of the offered deliveries arrived. */
    public boolean keptUp() {
        return deliveredPerSecond() >= 0.9 * offeredPerSecond;
    }

    /** p50 / p99 / p99.9 in milliseconds, for a table. */
    public String percentiles() {
        return LatencyScenario.format(p(50)) + " / " + LatencyScenario.format(p(99)) + " / "
                + LatencyScenario.format(p(99.9));
    }

    public String describe() {
        return String.format(Locale.ROOT,
                "%s: offered %.0f/s, delivered %.0f/s, p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, lost %d, dup %d, "
                        + "errors %d, server closes %d, server CPU %.2f cores, RSS %d MiB, machine load %s",
                label, offeredPerSecond, deliveredPerSecond(), p(50), p(99), p(99.9), report.get("lost"),
                report.get("duplicated"), report.errors(), report.get("server_closes"), serverCores,
                serverRssKib / 1024, loadAverage);
    }
}
