package tokenstream.consumers.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tokenstream.consumers.assembly.AssemblySettings;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.consumers.support.TopicSnapshot;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assembly throughput (chunks/s through the exactly-once topology) next to the raw consumer read rate of the same
 * records, the floor no consumer of them can beat. Not part of the build; run it with
 * {@code ./mvnw -o -B -pl consumers -am verify -Dbench=true -Dtest=AssemblyThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none}. The table goes to {@code target/bench/assembly.txt}.
 *
 * <p>Both sides run as services do, for the whole benchmark: the assembly application ({@link RunningApplication}) and
 * one read_committed consumer ({@link BacklogReader}). Each of {@code bench.rounds} rounds writes a backlog of
 * {@code bench.responses} realistic responses in one transaction ({@link BacklogWriter}), so that both see all of it
 * at once, as a service sees the topic after it fell behind; the assembly is timed from the commit of the backlog to
 * its own commit of the backlog's last offsets, the reads from their first poll to the last record. A second
 * application, of a topology that does nothing with the records ({@code doingNothing}), then works off the same
 * backlog: what Kafka Streams with exactly-once allows any topology here. On two cores the
 * JIT is still compiling in the first rounds, so each stage starts after the compilers went quiet
 * ({@link CompilerSettling}, their time during the stage is in the table) and the later half of the rounds gives the
 * steady ratio. {@code -Dbench.streams.<setting>=value} passes a Kafka Streams setting through.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AssemblyThroughputBenchmark {
    private static final int RESPONSES = Integer.getInteger("bench.responses", 200);
    private static final int MIN_DELTAS = Integer.getInteger("bench.min-deltas", 300);
    private static final int MAX_DELTAS = Integer.getInteger("bench.max-deltas", 3000);
    private static final int OPEN = Integer.getInteger("bench.open", 48);
    /** The consumers application's own settings (application.properties) unless told otherwise. */
    private static final int COMMIT_INTERVAL_MS = Integer.getInteger("bench.commit-interval-ms", 100);
    private static final int STREAM_THREADS = Integer.getInteger("bench.stream-threads", 2);
    /** Rounds of one backlog each: in a fresh JVM the compilers took until about the ninth to go quiet. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 12);

    private final String run = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String chunks = run + ".chunks";

    @Test
    void assemblyOfABacklogNextToTheRawReadOfIt() throws Exception {
        String bootstrap = SharedKafka.get().bootstrapServers();
        try (Admin admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(new NewTopic(chunks, TopicPlan.CHUNK_PARTITIONS, (short) 1),
                    new NewTopic(chunks + ".responses", TopicPlan.CHUNK_PARTITIONS, (short) 1),
                    new NewTopic(chunks + ".dead-letter", 1, (short) 1),
                    new NewTopic(chunks + ".stats", 1, (short) 1)));
        }
        String loadBefore = loadAverage();
        List<String> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> ceilings = new ArrayList<>();
        List<Double> ofCeiling = new ArrayList<>();
        long records = 0;
        try (BacklogWriter writer = new BacklogWriter(bootstrap, chunks, run, MIN_DELTAS, MAX_DELTAS, OPEN);
             BacklogReader reader = new BacklogReader(bootstrap, chunks);
             RunningApplication assembly = new RunningApplication(bootstrap, run + "-audit", chunks,
                     ResponseTopology.build(AssemblySettings.of(chunks, chunks + ".responses",
                             chunks + ".dead-letter", chunks + ".stats")), COMMIT_INTERVAL_MS, STREAM_THREADS);
             RunningApplication ceiling = new RunningApplication(bootstrap, run + "-ceiling", chunks,
                     doingNothing(chunks), COMMIT_INTERVAL_MS, STREAM_THREADS)) {
            ceiling.pause();
            for (int round = 1; round <= ROUNDS; round++) {
                Map<Integer, Long> from = reader.ends();
                BacklogWriter.Backlog backlog = writer.write("round" + round, RESPONSES);
                Stage assembled = streamsStage(assembly, backlog, backlog::commit);
                // what Kafka Streams itself allows: the same backlog through a topology that does nothing with it
                Stage empty = streamsStage(ceiling, backlog, ceiling::resume);
                ceiling.pause();
                Stage raw = readStage(reader, from, backlog, record -> { });
                Stage parsed = readStage(reader, from, backlog, record -> ChunkEventCodec.read(record.value()));
                assertEquals(backlog.records(), raw.records());
                assertEquals(backlog.records(), parsed.records());
                assertTrue(assembly.running() && ceiling.running(), "both applications still run after round " + round);
                records = backlog.records();
                rows.add(raw.row(round, "raw consumer read (the floor)", raw));
                rows.add(parsed.row(round, "consumer read + JSON parse", raw));
                rows.add(empty.row(round, "topology doing nothing, exactly_once_v2", raw));
                rows.add(assembled.row(round, "assembly topology, exactly_once_v2", raw));
                ratios.add(raw.seconds() / assembled.seconds());
                ceilings.add(raw.seconds() / empty.seconds());
                ofCeiling.add(empty.seconds() / assembled.seconds());
            }
            assertEquals(RESPONSES * ROUNDS, completedResponses(bootstrap, writer.expectedEvents()),
                    "responses published completed with every event");
        }
        List<String> lines = new ArrayList<>(List.of(
                String.format("assembly benchmark: backlogs of %d chunks (%d responses of %d..%d text deltas +"
                                + " start/end, %d open at once, interleaved), %d partitions, one per round, %d rounds",
                        records, RESPONSES, MIN_DELTAS, MAX_DELTAS, OPEN, TopicPlan.CHUNK_PARTITIONS, ROUNDS),
                "load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAverage() + ", cores: "
                        + Runtime.getRuntime().availableProcessors(),
                "commit.interval.ms of the assembly: " + COMMIT_INTERVAL_MS + ", num.stream.threads: " + STREAM_THREADS
                        + "; cpu = this JVM's CPU time per chunk during the stage (the broker runs apart)",
                String.format("%5s %-40s %10s %14s %8s %14s %9s %9s", "round", "stage", "seconds", "chunks/s",
                        "ratio", "cpu us/chunk", "jit ms", "settle s")));
        lines.addAll(rows);
        lines.add(steadyRatio("assembly / raw read", ratios));
        lines.add(steadyRatio("topology doing nothing / raw read", ceilings));
        lines.add(steadyRatio("assembly / topology doing nothing", ofCeiling));
        lines.add("(the assembly from the backlog's commit to the application's commit of its last offsets, seen by a"
                + " 20 ms poll; the topology doing nothing, paused while the others run, from its resume (it has"
                + " buffered up to 1,000 records a partition by then); the reads from their first poll; jit ms: the JIT"
                + " compilers' time during the stage; settle s: the wait before it for the compilers to go quiet, see"
                + " CompilerSettling)");
        lines.add("");
        String table = String.join("\n", lines);
        System.out.print(table);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "assembly.txt"), table);
    }

    /** One timed stage of a round: how long it took for how many records, and what CPU and JIT it used. */
    private record Stage(long records, double seconds, long cpuNanos, long jitMillis, double settledSeconds) {
        String row(int round, String stage, Stage floor) {
            return String.format("%5d %-40s %10.2f %14.0f %8.2f %14.2f %9d %9.1f", round, stage, seconds,
                    records / seconds, floor.seconds / seconds, cpuNanos / 1e3 / records, jitMillis, settledSeconds);
        }
    }

    /**
     * A stage's clock, started once the compilers went quiet: the CPU and compile time it takes are this JVM's from
     * then on.
     */
    private record StageClock(double settledSeconds, long jitMillisAtStart, long cpuNanosAtStart) {
        static StageClock afterCompilersSettle() throws InterruptedException {
            double settled = CompilerSettling.await();
            return new StageClock(settled, CompilerSettling.compileMillis(), cpuNanos());
        }

        /** The stage of {@code records} that ran from {@code startNanos} to {@code endNanos} (System.nanoTime). */
        Stage stop(long records, long startNanos, long endNanos) {
            return new Stage(records, (endNanos - startNanos) / 1e9, cpuNanos() - cpuNanosAtStart,
                    CompilerSettling.compileMillis() - jitMillisAtStart, settledSeconds);
        }
    }

    /**
     * An application working off the backlog: from {@code begin} (the backlog's commit for the assembly, its resume
     * for the paused topology doing nothing) until it has committed the backlog's last offsets.
     */
    private static Stage streamsStage(RunningApplication application, BacklogWriter.Backlog backlog,
                                      LongSupplier begin) throws InterruptedException {
        StageClock clock = StageClock.afterCompilersSettle();
        long start = begin.getAsLong();
        return clock.stop(backlog.records(), start, application.awaitCommitted(backlog.ends()));
    }

    private static Topology doingNothing(String topic) {
        Topology topology = new Topology();
        topology.addSource("chunks", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), topic);
        topology.addProcessor("nothing", () -> new Processor<String, byte[], Void, Void>() {
            @Override
            public void process(Record<String, byte[]> record) {
                // the framework's own cost per record is what this stage measures
            }
        }, "chunks");
        return topology;
    }

    private static Stage readStage(BacklogReader reader, Map<Integer, Long> from, BacklogWriter.Backlog backlog,
                                   Consumer<ConsumerRecord<String, byte[]>> each) throws InterruptedException {
        StageClock clock = StageClock.afterCompilersSettle();
        long[] records = new long[1];
        long start = reader.read(from, backlog.ends(), record -> {
            each.accept(record);
            records[0]++;
        });
        return clock.stop(records[0], start, System.nanoTime());
    }

    /**
     * The ratio of the service once its JIT has caught up: the median over the later half of the rounds (the first
     * ones still share the cores with the compiler, see {@link CompilerSettling}).
     */
    private static String steadyRatio(String stage, List<Double> ratios) {
        int from = ratios.size() / 2;
        List<Double> later = ratios.subList(from, ratios.size()).stream().sorted().toList();
        double median = later.size() % 2 == 1 ? later.get(later.size() / 2)
                : (later.get(later.size() / 2 - 1) + later.get(later.size() / 2)) / 2;
        return String.format("%s by round: %s; steady (median of rounds %d-%d): %.2f", stage,
                String.join(", ", ratios.stream().map(r -> String.format("%.2f", r)).toList()), from + 1,
                ratios.size(), median);
    }

    /** Responses whose last record on the responses topic is completed, with all their events and text. */
    private long completedResponses(String bootstrap, Map<String, Long> expectedEvents) {
        Map<String, JsonNode> last = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(bootstrap, chunks + ".responses")) {
            try {
                last.put(record.key(), ProtocolJson.mapper().readTree(record.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return last.entrySet().stream().filter(e -> e.getValue().path("status").asText().equals("completed")
                && e.getValue().path("event_count").asLong() == expectedEvents.get(e.getKey())
                && e.getValue().path("text").asText().length() >= expectedEvents.get(e.getKey()) - 2).count();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }
}
