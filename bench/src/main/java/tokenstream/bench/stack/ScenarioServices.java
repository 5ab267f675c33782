package tokenstream.bench.stack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import tokenstream.kafkalocal.PortAllocator;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.localstack.ServiceLaunch;
import tokenstream.localstack.ServiceProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fresh ingest and relay JVMs for one scenario, on a chunks topic of its own. A new topic per scenario keeps a
 * relay's start-up warm-up from reading the previous scenario's millions of records, and new processes keep one
 * scenario's garbage and JIT state out of the next one's figures.
 */
public final class ScenarioServices implements AutoCloseable {
    private final ServiceProcess ingest;
    private final ServiceProcess relay;
    private final String topic;
    private final Path ingestGcLog;
    private final Path relayGcLog;

    private ScenarioServices(ServiceProcess ingest, ServiceProcess relay, String topic, Path ingestGcLog, Path relayGcLog) {
        this.ingest = ingest;
        this.relay = relay;
        this.topic = topic;
        this.ingestGcLog = ingestGcLog;
        this.relayGcLog = relayGcLog;
    }

    /** Creates topic {@code bench.<name>.chunks} on the stack's broker and starts ingest and relay on it. */
    public static ScenarioServices start(LocalStack stack, Path repoRoot, String name) {
        String topic = createTopic(stack, "bench." + name + ".chunks", TopicPlan.CHUNK_PARTITIONS);
        int ingestPort = PortAllocator.freePort();
        int relayPort = PortAllocator.freePort();
        Path ingestGcLog = stack.logDir().resolve("bench-" + name + "-ingest-gc.log");
        Path relayGcLog = stack.logDir().resolve("bench-" + name + "-relay-gc.log");
        ServiceProcess ingest = new ServiceProcess(new ServiceLaunch("bench-" + name + "-ingest",
                Service.INGEST.appJar(repoRoot), ingestPort, stack.bootstrapServers(),
                Map.of("tokenstream.security.enabled", "false", "tokenstream.ingest.topics.chunks", topic,
                        "tokenstream.ingest.relay-url", "http://localhost:" + relayPort,
                        // scenario 3 runs one generation per conversation on 5,000 conversations
                        "tokenstream.ingest.max-concurrent-generations", "20000"),
                "768m", stack.logDir().resolve("bench-" + name + "-ingest.log"), false,
                jvmOptions(Service.INGEST, ingestGcLog)));
        ServiceProcess relay = new ServiceProcess(new ServiceLaunch("bench-" + name + "-relay",
                Service.RELAY.appJar(repoRoot), relayPort, stack.bootstrapServers(),
                Map.of("tokenstream.security.enabled", "false", "tokenstream.relay.chunks-topic", topic,
                        "tokenstream.relay.ingest-url", "http://localhost:" + ingestPort,
                        // thousands of subscribers connect at once in the reconnect storm
                        "quarkus.http.accept-backlog", "4096"),
                "1g", stack.logDir().resolve("bench-" + name + "-relay.log"), false,
                jvmOptions(Service.RELAY, relayGcLog)));
        CompletableFuture.allOf(CompletableFuture.runAsync(ingest::start), CompletableFuture.runAsync(relay::start)).join();
        return new ScenarioServices(ingest, relay, topic, ingestGcLog, relayGcLog);
    }

    /** The relay's GC pauses since {@code from}; call it while the relay runs. */
    public String relayGc(Instant from) {
        return gc(relay, relayGcLog, from);
    }

    /** Ingest's GC pauses since {@code from}; call it while ingest runs. */
    public String ingestGc(Instant from) {
        return gc(ingest, ingestGcLog, from);
    }

    private static String gc(ServiceProcess service, Path log, Instant from) {
        double uptimeAtFrom = ProcessHandle.of(service.pid()).flatMap(handle -> handle.info().startInstant())
                .map(start -> Duration.between(start, from).toMillis() / 1000.0).orElse(0.0);
        return GcPauses.summary(log, uptimeAtFrom);
    }

    /**
     * GC logging, the service's own options ({@link Service#jvmOptions()}), plus what
     * {@code -Dtokenstream.jvm-options.<service>} on this JVM lists (separated by spaces or {@code ;}), for
     * experiments such as another collector; a collector named there replaces the service's.
     */
    private static List<String> jvmOptions(Service service, Path gcLog) {
        List<String> options = new ArrayList<>();
        options.add(GcPauses.logOption(gcLog));
        String extra = System.getProperty("tokenstream.jvm-options." + service.moduleName(), "");
        List<String> extras = Arrays.stream(extra.trim().split("[\\s;]+")).filter(option -> !option.isEmpty()).toList();
        boolean collectorChosen = extras.stream().anyMatch(ScenarioServices::choosesCollector);
        service.jvmOptions().stream().filter(option -> !collectorChosen || !choosesCollector(option))
                .forEach(options::add);
        options.addAll(extras);
        return options;
    }

    private static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    /** Creates a topic (if missing) and returns its name. */
    public static String createTopic(LocalStack stack, String name, int partitions) {
        try (Admin admin = stack.broker().admin()) {
            TopicPlan.apply(admin, List.of(new NewTopic(name, partitions, (short) 1)
                    .configs(Map.of("retention.ms", String.valueOf(TimeUnit.HOURS.toMillis(2))))));
        }
        return name;
    }

    public ServiceProcess ingest() {
        return ingest;
    }

    public ServiceProcess relay() {
        return relay;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        ingest.stop();
        relay.stop();
    }
}
