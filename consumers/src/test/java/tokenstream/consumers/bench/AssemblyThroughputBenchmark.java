package tokenstream.consumers.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tokenstream.consumers.assembly.AssemblySettings;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.Usage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Assembly throughput (chunks/s through the exactly-once topology) next to the raw consumer read rate of the same
 * topic, the floor no consumer of it can beat. Not part of the build; run it with
 * {@code ./mvnw -o -B -pl consumers -am verify -Dbench=true -Dtest=AssemblyThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=none}. The table goes to {@code target/bench/assembly.txt}.
 *
 * <p>Responses are of realistic length: {@code bench.min-deltas}..{@code bench.max-deltas} text deltas each
 * (300..3,000 by default, uniformly mixed, seeded), of a few characters like a model's tokens, and
 * {@code bench.open} of them are in progress at once, their events interleaved in the topic as concurrent
 * generations are, so a response spans many commits of the assembly. The machine is shared: the raw read and the
 * assembly run in the same JVM one after the other, and the table holds the ratio and the load average. A first,
 * unmeasured pass ({@code bench.warmup-responses}, 0 for none) lets the JIT compile both paths first, as in a
 * running service: cold, the C2 compiler took twice the stream thread's CPU during the measured assembly. It is not
 * enough on two cores: the same topic is then read, parsed and assembled in {@code bench.rounds} rounds, each stage
 * after the compilers went quiet ({@link CompilerSettling}), and the later half of the rounds gives the steady ratio.
 * {@code -Dbench.streams.<setting>=value} passes a Kafka Streams setting through.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AssemblyThroughputBenchmark {
    private static final int RESPONSES = Integer.getInteger("bench.responses", 200);
    private static final int MIN_DELTAS = Integer.getInteger("bench.min-deltas", 300);
    private static final int MAX_DELTAS = Integer.getInteger("bench.max-deltas", 3000);
    private static final int OPEN = Integer.getInteger("bench.open", 48);
    private static final int CONVERSATIONS = 500;
    /** The consumers application's own settings (application.properties) unless told otherwise. */
    private static final int COMMIT_INTERVAL_MS = Integer.getInteger("bench.commit-interval-ms", 100);
    private static final int STREAM_THREADS = Integer.getInteger("bench.stream-threads", 2);
    /** Responses of a first, unmeasured pass on its own topics: a running service's JIT has compiled its paths. */
    private static final int WARMUP_RESPONSES = Integer.getInteger("bench.warmup-responses", 40);
    /**
     * Rounds of (raw read, parsing read, assembly) on the one topic: on two cores the JIT is still compiling the
     * assembly's paths in the first ones (see {@link CompilerSettling}); the later half is the service's steady state.
     */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 6);
    private static final String[] TOKENS = {"The", " audit", " keeps", " every", " token", ",", " in", " order", ".",
            "\n", " caf\u00e9", " \"quoted\"", " 42", " r\u00e9sum\u00e9", " and", " so", " on", " \u2014"};

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String chunks = "bench-" + run + ".chunks";
    private final Map<String, Long> expectedEvents = new java.util.HashMap<>();

    private int responses = RESPONSES;
    private int rounds = ROUNDS;

    @Test
    void assemblyThroughputNextToTheRawReadRate() throws Exception {
        if (WARMUP_RESPONSES > 0) {
            AssemblyThroughputBenchmark warmup = new AssemblyThroughputBenchmark();
            warmup.responses = WARMUP_RESPONSES;
            warmup.rounds = 1;
            warmup.measure();
        }
        String table = measure() + String.format("(after an unmeasured pass of %d responses on other topics)%n",
                WARMUP_RESPONSES);
        System.out.print(table);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "assembly.txt"), table);
    }

    private String measure() throws Exception {
        String bootstrap = SharedKafka.get().bootstrapServers();
        try (Admin admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(new NewTopic(chunks, TopicPlan.CHUNK_PARTITIONS, (short) 1),
                    new NewTopic(chunks + ".responses", TopicPlan.CHUNK_PARTITIONS, (short) 1),
                    new NewTopic(chunks + ".dead-letter", 1, (short) 1),
                    new NewTopic(chunks + ".stats", 1, (short) 1)));
        }
        String loadBefore = loadAverage();
        long records = write(bootstrap);
        List<String> rows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            ReadStage raw = readStage(bootstrap, false);
            ReadStage parse = readStage(bootstrap, true);
            AssemblyTiming assembly = assemble(bootstrap, round);
            assertEquals(records, raw.records());
            assertEquals(records, parse.records());
            rows.add(row(round, "raw consumer read (the floor)", raw.seconds(), records, raw.seconds(), raw.cpuNanos())
                    + jit(raw.jitMillis(), raw.settledSeconds()));
            rows.add(row(round, "consumer read + JSON parse", parse.seconds(), records, raw.seconds(),
                    parse.cpuNanos()) + jit(parse.jitMillis(), parse.settledSeconds()));
            rows.add(row(round, "assembly topology, exactly_once_v2", assembly.seconds(), records, raw.seconds(),
                    assembly.cpuNanos()) + jit(assembly.jitMillis(), assembly.settledSeconds()));
            rows.add(row(round, "the same from its first commit", assembly.steadySeconds(),
                    Math.round(records * assembly.steadyShare()), raw.seconds(), -1));
            ratios.add(raw.seconds() / assembly.seconds());
        }
        // Every round republishes every response; the last record of each is checked.
        assertEquals(responses, completedResponses(bootstrap), "responses published completed with every event");
        String loadAfter = loadAverage();
        List<String> lines = new ArrayList<>(List.of(
                String.format("assembly benchmark: %d chunks (%d responses of %d..%d text deltas + start/end, %d open"
                                + " at once, interleaved), %d partitions, %d rounds on the same topic",
                        records, responses, MIN_DELTAS, MAX_DELTAS, OPEN, TopicPlan.CHUNK_PARTITIONS, rounds),
                "load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAfter + ", cores: "
                        + Runtime.getRuntime().availableProcessors(),
                "commit.interval.ms of the assembly: " + COMMIT_INTERVAL_MS + ", num.stream.threads: " + STREAM_THREADS
                        + "; cpu = this JVM's CPU time per chunk during the stage (the broker runs apart)",
                String.format("%5s %-44s %10s %14s %8s %14s %9s %9s", "round", "stage", "seconds", "chunks/s",
                        "ratio", "cpu us/chunk", "jit ms", "settle s")));
        lines.addAll(rows);
        lines.add(steadyRatio(ratios));
        lines.add("(from its first commit: from the first commit that moved an offset to the last, so without"
                + " opening the tasks' RocksDB stores; jit ms: the JIT compilers' time during the stage; settle s:"
                + " the wait before it for the compilers to go quiet, see CompilerSettling)");
        lines.add("");
        return String.join("\n", lines);
    }

    /**
     * The ratio of the service once its JIT has caught up: the median over the later half of the rounds (the first
     * ones still share the cores with the compiler, see {@link CompilerSettling}).
     */
    private static String steadyRatio(List<Double> ratios) {
        int from = ratios.size() / 2;
        List<Double> later = ratios.subList(from, ratios.size()).stream().sorted().toList();
        double median = later.size() % 2 == 1 ? later.get(later.size() / 2)
                : (later.get(later.size() / 2 - 1) + later.get(later.size() / 2)) / 2;
        return String.format("assembly / raw read by round: %s; steady (median of rounds %d-%d): %.2f",
                String.join(", ", ratios.stream().map(r -> String.format("%.2f", r)).toList()), from + 1,
                ratios.size(), median);
    }

    /** One timed read of the whole chunks topic, after the compilers went quiet. */
    private record ReadStage(long records, double seconds, long cpuNanos, long jitMillis, double settledSeconds) {
    }

    private ReadStage readStage(String bootstrap, boolean parse) throws InterruptedException {
        double settled = CompilerSettling.await();
        long jit = CompilerSettling.compileMillis();
        long cpu = cpuNanos();
        long[] records = new long[1];
        // From the first poll, as the assembly is timed from RUNNING: neither counts connecting and joining.
        long start = readAll(bootstrap, chunks, 2000, record -> {
            if (parse) {
                ChunkEventCodec.read(record.value());
            }
            records[0]++;
        });
        return new ReadStage(records[0], (System.nanoTime() - start) / 1e9, cpuNanos() - cpu,
                CompilerSettling.compileMillis() - jit, settled);
    }

    private static String jit(long jitMillis, double settledSeconds) {
        return String.format(" %9d %9.1f", jitMillis, settledSeconds);
    }

    private static String row(int round, String stage, double seconds, long records, double floorSeconds,
                              long cpuNanos) {
        return String.format("%5d %-44s %10.2f %14.0f %8.2f %14s", round, stage, seconds, records / seconds,
                (records / seconds) / (records / floorSeconds),
                cpuNanos < 0 ? "-" : String.format("%.2f", cpuNanos / 1e3 / records));
    }

    /**
     * The assembly's stage: {@code seconds} from RUNNING to the last commit (CPU and compile time from its start, so
     * they include joining the group), and the steady part of it, from the first
     * commit that moved an offset (by then every task has opened its stores) to the last, which covered
     * {@code steadyShare} of the topic's offsets.
     */
    private record AssemblyTiming(double seconds, long cpuNanos, double steadySeconds, double steadyShare,
                                  long jitMillis, double settledSeconds) {
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    /** One response being written: its ids and the seq of its next event. */
    private static final class Generation {
        final String conversation;
        final String response;
        final int deltas;
        int seq;

        Generation(String conversation, String response, int deltas) {
            this.conversation = conversation;
            this.response = response;
            this.deltas = deltas;
        }
    }

    private long write(String bootstrap) {
        long count = 0;
        Random random = new Random(16);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer())) {
            Instant t0 = Instant.now();
            List<Generation> open = new ArrayList<>();
            int started = 0;
            while (started < responses || !open.isEmpty()) {
                while (open.size() < OPEN && started < responses) {
                    Generation g = new Generation("bench-" + run + "-c" + (started % CONVERSATIONS),
                            "bench-" + run + "-r" + started, MIN_DELTAS + random.nextInt(MAX_DELTAS - MIN_DELTAS + 1));
                    started++;
                    count += send(producer, new ChunkEvent.ResponseStarted(g.conversation, g.response, 0, t0, "bench",
                            null));
                    g.seq = 1;
                    open.add(g);
                }
                int pick = random.nextInt(open.size());
                Generation g = open.get(pick);
                Instant at = t0.plusMillis(20L * g.seq);
                if (g.seq <= g.deltas) {
                    count += send(producer, new ChunkEvent.TextDelta(g.conversation, g.response, g.seq, at,
                            TOKENS[random.nextInt(TOKENS.length)]));
                    g.seq++;
                } else {
                    expectedEvents.put(g.conversation + "/" + g.response, g.seq + 1L);
                    count += send(producer, new ChunkEvent.ResponseCompleted(g.conversation, g.response, g.seq, at,
                            "stop", Usage.of(5, g.deltas)));
                    open.set(pick, open.get(open.size() - 1));
                    open.remove(open.size() - 1);
                }
            }
            producer.flush();
        }
        return count;
    }

    private int send(KafkaProducer<String, byte[]> producer, ChunkEvent event) {
        producer.send(new ProducerRecord<>(chunks, event.conversationId(), ChunkEventCodec.write(event)));
        return 1;
    }

    /** Responses whose last record on the responses topic is completed, with all their events and text. */
    private long completedResponses(String bootstrap) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> last = new java.util.HashMap<>();
        readAll(bootstrap, chunks + ".responses", 500, record -> {
            try {
                last.put(record.key(), tokenstream.protocol.ProtocolJson.mapper().readTree(record.value()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return last.entrySet().stream().filter(e -> e.getValue().path("status").asText().equals("completed")
                && e.getValue().path("event_count").asLong() == expectedEvents.get(e.getKey())
                && e.getValue().path("text").asText().length() >= expectedEvents.get(e.getKey()) - 2).count();
    }

    /**
     * Every committed record of {@code topic}, from the beginning to the end it has now; returns the
     * {@link System#nanoTime()} of the first poll.
     */
    private static long readAll(String bootstrap, String topic, int maxPollRecords,
                                java.util.function.Consumer<ConsumerRecord<String, byte[]>> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long firstPoll = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
            return firstPoll;
        }
    }

    /** From RUNNING until the application has committed the end of every chunks partition. */
    private AssemblyTiming assemble(String bootstrap, int round) throws Exception {
        String applicationId = "bench-" + run + "-" + round;
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Path.of("target"), "bench-state").toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, STREAM_THREADS);
        // -Dbench.streams.<Kafka Streams setting>=value tries a setting without a rebuild, e.g.
        // -Dbench.streams.main.consumer.max.partition.fetch.bytes=4194304
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.streams."))
                .forEach(name -> props.put(name.substring("bench.streams.".length()), System.getProperty(name)));
        KafkaStreams streams = new KafkaStreams(ResponseTopology.build(AssemblySettings.of(chunks,
                chunks + ".responses", chunks + ".dead-letter", chunks + ".stats")), props);
        try (Admin admin = SharedKafka.get().admin()) {
            Map<TopicPartition, Long> ends = new java.util.HashMap<>();
            for (int p = 0; p < TopicPlan.CHUNK_PARTITIONS; p++) {
                ends.put(new TopicPartition(chunks, p), null);
            }
            try (KafkaConsumer<String, byte[]> probe = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                ends.putAll(probe.endOffsets(ends.keySet()));
            }
            double settled = CompilerSettling.await();
            // The moment it turns RUNNING, not when a poll of its state notices: processing starts at once, and a
            // poll every 100 ms made the stage up to 100 ms shorter than it was (its first commit came 5-12 ms later).
            java.util.concurrent.atomic.AtomicLong running = new java.util.concurrent.atomic.AtomicLong();
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.compareAndSet(0, System.nanoTime());
                }
            });
            long jit = CompilerSettling.compileMillis();
            long cpu = cpuNanos();
            streams.start();
            StreamsReadiness.awaitRunning(streams, Duration.ofSeconds(90));
            long start = running.get();
            long endSum = ends.values().stream().mapToLong(Long::longValue).sum();
            long[] firstCommit = {0, 0};
            await("the end of every chunks partition committed by " + applicationId).atMost(Duration.ofMinutes(30))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                        long sum = ends.keySet().stream().map(committed::get)
                                .mapToLong(offset -> offset == null ? 0 : offset.offset()).sum();
                        if (firstCommit[0] == 0 && sum > 0) {
                            firstCommit[0] = System.nanoTime();
                            firstCommit[1] = sum;
                        }
                        return ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                                && committed.get(end.getKey()).offset() >= end.getValue());
                    });
            long end = System.nanoTime();
            return new AssemblyTiming((end - start) / 1e9, cpuNanos() - cpu, (end - firstCommit[0]) / 1e9,
                    (endSum - firstCommit[1]) / (double) endSum, CompilerSettling.compileMillis() - jit, settled);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }
}
