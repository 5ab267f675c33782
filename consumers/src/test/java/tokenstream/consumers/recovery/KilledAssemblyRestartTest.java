package tokenstream.consumers.recovery;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.consumers.support.AssemblyWorker;
import tokenstream.consumers.support.BusyWorkload;
import tokenstream.consumers.support.TopicSnapshot;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ResponseStatus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The assembly topology in a child JVM, SIGKILLed in the middle of a busy run and started again; then the
 * same chunks rebuilt from scratch under a new application id. Each run writes its own responses topic, read
 * with {@code read_committed} as any auditor would.
 */
class KilledAssemblyRestartTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int RESPONSES = 60;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String chunks = "restart-" + run + ".chunks";
    private final List<AssemblyWorker> workers = new ArrayList<>();
    private String bootstrap;
    private Path workDir;

    @BeforeEach
    void ownTopics() throws Exception {
        bootstrap = SharedKafka.get().bootstrapServers();
        workDir = Files.createDirectories(Path.of("target", "restart-" + run));
        try (var admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(new NewTopic(chunks, 3, (short) 1)));
        }
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(AssemblyWorker::close);
    }

    /** The output topics of one application id, created up front as an operator would. */
    private record Outputs(String applicationId, String responses, String deadLetter, String stats) {
    }

    private Outputs outputs(String name) {
        Outputs outputs = new Outputs("restart-" + run + "-" + name, "restart-" + run + "-" + name + ".responses",
                "restart-" + run + "-" + name + ".dead-letter", "restart-" + run + "-" + name + ".stats");
        try (var admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(
                    new NewTopic(outputs.responses, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                    new NewTopic(outputs.deadLetter, 1, (short) 1),
                    new NewTopic(outputs.stats, 1, (short) 1)));
        }
        return outputs;
    }

    private AssemblyWorker startWorker(Outputs outputs, String logName) {
        AssemblyWorker worker = AssemblyWorker.start(workDir.resolve(logName + ".log"), TIMEOUT, bootstrap,
                outputs.applicationId, workDir.resolve("state-" + outputs.applicationId).toString(), chunks,
                outputs.responses, outputs.deadLetter, outputs.stats);
        workers.add(worker);
        return worker;
    }

    /** Every committed record of the topic, grouped by key, in topic order. */
    private Map<String, List<AssembledResponse>> byResponse(String topic) {
        Map<String, List<AssembledResponse>> grouped = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(bootstrap, topic)) {
            grouped.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(AssembledResponseJson.read(record.value()));
        }
        return grouped;
    }

    private static long ended(Map<String, List<AssembledResponse>> responses) {
        return responses.values().stream().flatMap(List::stream)
                .filter(response -> response.status() != ResponseStatus.IN_PROGRESS).count();
    }

    private Map<String, List<AssembledResponse>> awaitEnded(String topic, long count) {
        return await(count + " ended responses on " + topic).atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> byResponse(topic), responses -> ended(responses) >= count);
    }

    /** The last record of each key, as compaction will leave it, in wire JSON. */
    private static Map<String, String> finalJson(Map<String, List<AssembledResponse>> responses) {
        Map<String, String> last = new TreeMap<>();
        responses.forEach((id, records) -> last.put(id,
                new String(AssembledResponseJson.write(records.get(records.size() - 1)), StandardCharsets.UTF_8)));
        return last;
    }

    private Map<String, String> lastValues(String topic) {
        Map<String, String> last = new TreeMap<>();
        TopicSnapshot.read(bootstrap, topic).forEach(record ->
                last.put(record.key(), new String(record.value(), StandardCharsets.UTF_8)));
        return last;
    }

    @Test
    void workerKilledMidRunRebuildsEveryResponseExactlyOnceAndAFreshApplicationIdRebuildsTheSame()
            throws Exception {
        BusyWorkload workload = new BusyWorkload(RESPONSES);
        Outputs live = outputs("live");
        AssemblyWorker first = startWorker(live, "live-1");
        // About 13 s of writing: the kill must land while the writer is busy, also on a loaded CI machine
        // where the worker assembles slower than an unhurried writer produces.
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> workload.write(bootstrap, chunks, 4, 40));

        Map<String, List<AssembledResponse>> beforeKill = awaitEnded(live.responses, RESPONSES / 4);
        first.kill();
        long endedAtKill = ended(beforeKill);
        boolean stillWriting = !writing.isDone();
        System.out.printf("killed the live worker with %d of %d responses ended, writer still busy: %s%n",
                endedAtKill, RESPONSES, stillWriting);
        startWorker(live, "live-2");
        writing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Map<String, List<AssembledResponse>> afterRestart = awaitEnded(live.responses, RESPONSES);

        assertTrue(endedAtKill < RESPONSES && stillWriting,
                "the kill must land mid-run: " + endedAtKill + " of " + RESPONSES + " ended, writer still busy: "
                        + stillWriting);
        Map<String, BusyWorkload.Expected> expected = workload.expected();
        assertEquals(expected.keySet(), afterRestart.keySet());
        Map<String, Integer> recordsPerResponse = new HashMap<>();
        afterRestart.forEach((id, records) -> recordsPerResponse.put(id, records.size()));
        assertFalse(recordsPerResponse.values().stream().anyMatch(n -> n != 2),
                "each response published exactly once started and once ended: " + recordsPerResponse);
        afterRestart.forEach((id, records) -> {
            AssembledResponse last = records.get(1);
            BusyWorkload.Expected want = expected.get(id);
            assertEquals(want.status(), last.status(), id);
            assertEquals(want.text(), last.text(), id);
            assertEquals(want.eventCount(), last.eventCount(), id);
            assertEquals(want.duplicates(), last.integrity().duplicates(), id);
            assertEquals(List.of(), last.integrity().gaps(), id);
        });

        Outputs rebuilt = outputs("rebuild");
        startWorker(rebuilt, "rebuild");
        Map<String, List<AssembledResponse>> fromScratch = awaitEnded(rebuilt.responses, RESPONSES);

        assertEquals(finalJson(afterRestart), finalJson(fromScratch),
                "an uninterrupted rebuild under a new application id gives the same responses");
        assertEquals(lastValues(live.stats), lastValues(rebuilt.stats), "and the same statistics");
        assertTrue(TopicSnapshot.read(bootstrap, live.deadLetter).isEmpty());
    }
}
