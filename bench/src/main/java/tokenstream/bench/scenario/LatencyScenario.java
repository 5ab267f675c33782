package tokenstream.bench.scenario;

import tokenstream.bench.loadgen.LoadGenerator;
import tokenstream.bench.producer.Generations;
import tokenstream.bench.report.ResultRow;
import tokenstream.bench.stack.ProcessSampler;
import tokenstream.bench.stack.ScenarioServices;
import tokenstream.kafkalocal.KafkaConsoleTools;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario 1: per-event latency from ingest's accept timestamp to the subscriber's parse, next to Kafka's own
 * end-to-end latency on the same broker. Two steps on the same services: many conversations with one subscriber
 * each at a chat-like token rate (the machine full: ingest, broker, relay and load generator share two cores), then
 * one stream alone at the same rate, once the JVMs are warm, which is what issue 16's target ("single stream p99 <=
 * 2x Kafka's own") measures: the path's own latency, not the queueing of a saturated machine.
 */
public final class LatencyScenario implements Scenario {
    static final double TOKENS_PER_SECOND = 30;
    /** The rate as the table's labels print it. */
    private static final String RATE = String.valueOf((int) TOKENS_PER_SECOND);
    private static final Pattern PERCENTILES = Pattern.compile("50th = ([\\d.]+), 99th = ([\\d.]+), 99\\.9th = ([\\d.]+)");

    @Override
    public int number() {
        return 1;
    }

    @Override
    public String title() {
        return "latency";
    }

    @Override
    public void run(BenchContext context) {
        String name = "1 latency";
        int conversations = context.scale(1000, 200);
        double warm = context.scale(15, 3);
        double window = context.scale(20, 8);
        double singleWindow = context.scale(30, 8);
        Step step;
        Step single;
        try (ScenarioServices services = ScenarioServices.start(context.stack(), context.repoRoot(), "s1");
             LoadGenerator load = LoadGenerator.start(services.relay().port(), context.logDir().resolve("bench-s1-loadgen.log"))) {
            int opened = load.open(conversations, conversations, "/v1/conversations/s1-{n}/stream", 256);
            int started = new Generations(services.ingest().url())
                    .start("s1-", conversations, TOKENS_PER_SECOND, warm + window + 2);
            // Where the two cores go while the relay is measured: the explanation when latency misses.
            ProcessSampler ingest = new ProcessSampler(services.ingest().pid());
            ProcessSampler broker = new ProcessSampler(context.stack().broker().pid());
            ProcessSampler loadGenerator = new ProcessSampler(load.pid());
            ingest.mark();
            broker.mark();
            loadGenerator.mark();
            Instant measured = Instant.now();
            step = Step.measure(conversations + " conversations x 1 client x " + RATE + " tok/s (" + opened
                            + " streams, " + started + " generations)", TOKENS_PER_SECOND * opened, load,
                    new ProcessSampler(services.relay().pid()), warm, window);
            context.detail(step.describe());
            context.detail(String.format(Locale.ROOT, "scenario 1 CPU over warm-up + window (cores): relay %.2f, "
                            + "ingest %.2f, broker %.2f, load generator %.2f; load average %s", step.serverCores(),
                    ingest.coresSinceMark(), broker.coresSinceMark(), loadGenerator.coresSinceMark(), loadAverage()));
            context.detail("scenario 1 GC pauses over warm-up + window: relay " + services.relayGc(measured)
                    + "; ingest " + services.ingestGc(measured));
            single = singleStream(context, services, load, singleWindow);
        }
        double[] floor = kafkaFloor(context);
        context.row(ResultRow.info(name, "streams x tokens/s", conversations + " x " + RATE));
        context.row(ResultRow.info(name, "delivered events/s", format(step.deliveredPerSecond())));
        context.row(ResultRow.info(name, "latency p50 / p99 / p99.9 (ms)", step.percentiles()));
        context.row(ResultRow.info(name, "Kafka EndToEndLatency floor p50 / p99 / p99.9 (ms)",
                format(floor[0]) + " / " + format(floor[1]) + " / " + format(floor[2])));
        context.row(ResultRow.info(name, "p99 / floor p99", format(step.p(99) / floor[1]) + "x"));
        context.row(lostOrDuplicated(name, "", step));
        context.row(ResultRow.info(name, "relay CPU (cores)", format(step.serverCores())));
        context.row(ResultRow.info(name, "single stream: delivered events/s", format(single.deliveredPerSecond())));
        context.row(ResultRow.info(name, "single stream: latency p50 / p99 / p99.9 (ms)", single.percentiles()));
        double ratio = single.p(99) / floor[1];
        context.row(ResultRow.checked(name, "single stream: p99 / floor p99", format(ratio) + "x", "<= 2x",
                ratio <= 2 && single.keptUp()));
        context.row(lostOrDuplicated(name, "single stream: ", single));
    }

    /**
     * One conversation, one subscriber, 30 tokens/s, after the many-conversations step: its generations have ended
     * and its subscribers are closed, so only this stream moves through ingest, Kafka and the relay.
     */
    private static Step singleStream(BenchContext context, ScenarioServices services, LoadGenerator load,
                                     double window) {
        load.closeAll();
        // The many-conversations step's generations outlast its window by about 2 s.
        BenchContext.sleepSeconds(3);
        load.open(1, 1, "/v1/conversations/s1-single-{n}/stream", 1);
        double warm = 3;
        new Generations(services.ingest().url()).start("s1-single-", 1, TOKENS_PER_SECOND, warm + window + 2);
        Step single = Step.measure("1 conversation x 1 client x " + RATE + " tok/s (warm JVMs, nothing else streaming)",
                TOKENS_PER_SECOND, load, new ProcessSampler(services.relay().pid()), warm, window);
        context.detail(single.describe());
        return single;
    }

    private static ResultRow lostOrDuplicated(String name, String metricPrefix, Step step) {
        return ResultRow.checked(name, metricPrefix + "lost / duplicated",
                step.report().get("lost") + " / " + step.report().get("duplicated"), "0 / 0",
                step.report().get("lost") == 0 && step.report().get("duplicated") == 0);
    }

    /** p50, p99, p99.9 of Kafka's EndToEndLatency tool (acks=all, as ingest writes) on the stack's broker. */
    private static double[] kafkaFloor(BenchContext context) {
        String topic = tokenstream.bench.stack.ScenarioServices.createTopic(context.stack(), "bench.e2e-latency", 1);
        KafkaConsoleTools.Result result = KafkaConsoleTools.run(180, KafkaConsoleTools.END_TO_END_LATENCY,
                context.stack().bootstrapServers(), topic, String.valueOf(context.scale(5000, 1000)), "all", "300");
        Matcher matcher = PERCENTILES.matcher(result.output());
        if (!matcher.find()) {
            throw new IllegalStateException("EndToEndLatency printed no percentiles (exit " + result.exitCode() + "):\n"
                    + result.output());
        }
        context.detail("Kafka EndToEndLatency: " + matcher.group());
        return new double[]{Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3))};
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }
}
