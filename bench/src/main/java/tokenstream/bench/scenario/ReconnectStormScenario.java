package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.loadgen.LoadReport;
import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ScenarioServices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static tokenstream.bench.scenario.LatencyScenario.format;

/**
 * Scenario 4: subscribers of live conversations all drop at once and reconnect together with the
 * {@code Last-Event-ID} they last saw: first at once, then after staying away 5 s. A subscriber is caught up at its first event produced after it reconnected
 * (so it has everything up to that moment); lost and duplicated events are counted per response seq.
 */
public final class ReconnectStormScenario implements Scenario {
    private static final double TOKENS_PER_SECOND = 10;
    private static final long OFFLINE_MILLIS = 5_000;
    /**
     * Streaming before the storms. At 15 s, ingest still spent half of its CPU in the JIT compilers and the live p99
     * was 86-301 ms; at 45 s it was 47 ms, and the storm at the last id took 1.0-1.1 s instead of 1.5-2.5 s.
     */
    private static final int WARM_UP_SECONDS = Integer.getInteger("tokenstream.bench.s4-warmup-seconds", 45);
    /** Unmeasured storms of every client before the measured ones. */
    private static final int WARM_UP_STORMS = Integer.getInteger("tokenstream.bench.s4-warmup-storms", 3);
    /**
     * The share of the clients that reconnect at their last id each second, one at a time, for the whole scenario:
     * as a relay in service opens streams all the time (every new answer of a chat is a new request, tabs come and
     * go), and every such resume is checked for lost and repeated events. It did not shorten the storm at the last id
     * (0.8-0.9 s with it, 0.9-1.2 s without; docs/benchmarks.md). 0 turns it off.
     */
    private static final double CHURN_SHARE_PER_SECOND = Double.parseDouble(
            System.getProperty("tokenstream.bench.s4-churn", "0.01"));

    @Override
    public int number() {
        return 4;
    }

    @Override
    public String title() {
        return "reconnect storm";
    }

    @Override
    public void run(BenchContext context) {
        String name = "4 reconnect storm";
        int clients = context.scale(2000, 400);
        int conversations = clients / 4;
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s4");
             LoadGenerator load = LoadGenerator.start(services.relay().port(), context.logDir().resolve("bench-s4-loadgen.log"))) {
            int opened = load.open(clients, conversations, "/v1/conversations/s4-{n}/stream", 256);
            // Long enough to outlast the warm-up and both storms.
            new Generations(services.ingest().url()).start("s4-", conversations, TOKENS_PER_SECOND,
                    WARM_UP_SECONDS + 75);
            // The relay, ingest and the load generator are fresh JVMs: 5 s into the generations, C2 took 38 % of
            // the relay's CPU and half the generator's during the first storm, which then measured the compiler.
            // The storms are measured on warm processes, as a proxy's blip hits a relay that has been serving: a
            // warm-up of streaming, then unmeasured storms to compile the reconnect path. After one storm of a tenth
            // of the clients the load generator's C2 still used 0.24 s of CPU around the storm at the last id (0.02 s
            // after three of every client). The relay's C2 is busy at every storm however many came before (0.9-1.4
            // s): its request and write paths, compiled again for streaming alone between storms, trap and recompile
            // (docs/benchmarks.md).
            load.churn(clients * CHURN_SHARE_PER_SECOND);
            BenchContext.sleepSeconds(context.scale(WARM_UP_SECONDS, 5));
            for (int i = 0; i < WARM_UP_STORMS; i++) {
                warmUpStorm(load, clients);
            }
            liveLatency(context, name, load);
            context.detail("scenario 4: " + opened + " subscribers on " + conversations + " conversations x "
                    + TOKENS_PER_SECOND + " tok/s, " + clients * CHURN_SHARE_PER_SECOND
                    + " of them reconnecting at their last id each second throughout");
            // At once: a proxy or a network blip drops everyone, and they come back at the id they last saw.
            storm(context, name, load, services.relay().url(), clients, 0, 0.4);
            storm(context, name, load, services.relay().url(), clients, OFFLINE_MILLIS, 2);
            load.churn(0);
        }
    }

    private static void warmUpStorm(LoadGenerator load, int clients) {
        load.reset();
        int cut = load.storm(clients, 0);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (load.report().get("caught_up") < cut && System.nanoTime() < deadline) {
            BenchContext.sleepSeconds(0.2);
        }
        BenchContext.sleepSeconds(1);
    }

    /**
     * The live streams' latency just before the storms: a subscriber counts as caught up at its first event produced
     * after it reconnected, so no storm can finish faster than an event takes from ingest to a client.
     */
    private static void liveLatency(BenchContext context, String name, LoadGenerator load) {
        load.reset();
        BenchContext.sleepSeconds(5);
        LoadReport live = load.report();
        context.row(ResultRow.info(name, "live latency before the storms p50 / p99 (ms)",
                format(live.percentileMillis(50)) + " / " + format(live.percentileMillis(99))));
    }

    private static void storm(BenchContext context, String name, LoadGenerator load, String relayUrl, int clients,
                              long offlineMillis, double targetSeconds) {
        Map<String, Long> resumesBefore = resumesBySource(relayUrl);
        load.reset();
        int cut = load.storm(clients, offlineMillis);
        BenchContext.sleepSeconds(offlineMillis / 1000.0);
        long deadline = System.nanoTime() + 30_000_000_000L;
        LoadReport report = load.report();
        while (report.get("caught_up") < cut && System.nanoTime() < deadline) {
            BenchContext.sleepSeconds(0.2);
            report = load.report();
        }
        // Seq checks keep running a little after the last catch-up, to see a duplicate that comes late.
        BenchContext.sleepSeconds(2);
        report = load.report();
        String offline = offlineMillis == 0 ? "at last id" : (offlineMillis / 1000) + " s back";
        context.detail("scenario 4, " + offline + ": cut " + cut + ", caught up " + report.get("caught_up")
                + ", slowest " + report.get("catch_up_max_us") / 1000 + " ms (longest until the request was sent "
                + report.get("storm_request_max_us") / 1000 + " ms, until the response head "
                + report.get("storm_head_max_us") / 1000 + " ms), replayed " + report.get("replayed")
                + ", lost " + report.get("lost") + ", dup " + report.get("duplicated") + ", http errors "
                + report.get("http_errors") + ", io errors " + report.get("io_errors"));
        double seconds = report.get("catch_up_max_us") / 1e6;
        boolean allCaughtUp = report.get("caught_up") == cut;
        context.row(ResultRow.info(name, "clients dropped at once, " + offline, String.valueOf(cut)));
        context.row(ResultRow.checked(name, offline + ": time until all caught up (s)",
                allCaughtUp ? format(seconds) : report.get("caught_up") + " of " + cut + " within 30 s",
                "<= " + format(targetSeconds) + " s", allCaughtUp && seconds <= targetSeconds));
        context.row(ResultRow.checked(name, offline + ": lost / duplicated", report.get("lost") + " / "
                + report.get("duplicated"), "0 / 0", report.get("lost") == 0 && report.get("duplicated") == 0));
        context.row(ResultRow.info(name, offline + ": events replayed on resume", String.valueOf(report.get("replayed"))));
        Map<String, Long> resumesAfter = resumesBySource(relayUrl);
        context.row(ResultRow.info(name, offline + ": streams opened from memory / Kafka / live",
                Stream.of("memory", "kafka", "live").map(source -> String.valueOf(
                        resumesAfter.getOrDefault(source, 0L) - resumesBefore.getOrDefault(source, 0L)))
                        .collect(Collectors.joining(" / "))));
    }

    private static final HttpClient METRICS = HttpClient.newHttpClient();
    private static final Pattern OPENED = Pattern.compile(
            "^tokenstream_relay_streams_opened_total\\{.*source=\"(\\w+)\".*} ([0-9.E+]+)$", Pattern.MULTILINE);

    /** The relay's {@code tokenstream.relay.streams.opened} counters, by where each stream's history came from. */
    private static Map<String, Long> resumesBySource(String relayUrl) {
        try {
            String metrics = METRICS.send(HttpRequest.newBuilder(URI.create(relayUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Long> opened = new HashMap<>();
            Matcher line = OPENED.matcher(metrics);
            while (line.find()) {
                opened.put(line.group(1), (long) Double.parseDouble(line.group(2)));
            }
            return opened;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the relay's metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
