package tokenstream.consumers.poison;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.consumers.support.AssemblyWorker;
import tokenstream.consumers.support.BrokerClients;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.consumers.support.TopicSnapshot;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;
import tokenstream.kafkasetup.TopicLayout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Records no producer should write, straight to the chunks topic, through the assembly topology in a child JVM
 * configured as the service is (sizes, dead-letter handlers): every one is dead-lettered with its reason or audited,
 * the application stays RUNNING, the next response is audited within 10 s, and so it is after a restart.
 */
class PoisonRecordsOnTheBrokerTest {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration AUDITED_WITHIN = Duration.ofSeconds(10);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String chunks = "poison-" + run + ".chunks";
    private final String responses = "poison-" + run + ".responses";
    private final String deadLetter = "poison-" + run + ".dead-letter";
    private final String stats = "poison-" + run + ".stats";
    private final List<AssemblyWorker> workers = new ArrayList<>();
    private String bootstrap;
    private Path workDir;

    @BeforeEach
    void ownTopics() throws Exception {
        bootstrap = SharedKafka.get().bootstrapServers();
        workDir = Files.createDirectories(Path.of("target", "poison-" + run));
        String audit = String.valueOf(TopicLayout.AUDIT_MAX_MESSAGE_BYTES);
        try (var admin = SharedKafka.get().admin()) {
            TopicPlan.apply(admin, List.of(
                    new NewTopic(chunks, 3, (short) 1).configs(Map.of("max.message.bytes",
                            String.valueOf(TopicLayout.CHUNKS_MAX_MESSAGE_BYTES))),
                    new NewTopic(responses, 3, (short) 1).configs(Map.of("cleanup.policy", "compact",
                            "max.message.bytes", audit)),
                    new NewTopic(deadLetter, 1, (short) 1).configs(Map.of("max.message.bytes", audit)),
                    new NewTopic(stats, 1, (short) 1)));
        }
    }

    @AfterEach
    void stopWorkers() {
        workers.forEach(AssemblyWorker::close);
    }

    private AssemblyWorker startWorker(String name) {
        AssemblyWorker worker = AssemblyWorker.start(workDir.resolve(name + ".log"), START_TIMEOUT, bootstrap,
                "poison-" + run, workDir.resolve("state").toString(), chunks, responses, deadLetter, stats);
        workers.add(worker);
        return worker;
    }

    private void sendRaw(String key, byte[]... values) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (byte[] value : values) {
            records.add(new ProducerRecord<>(chunks, key, value));
        }
        BrokerClients.send(chunks, records);
    }

    private AssembledResponse awaitEnded(ResponseEvents r, Duration within) {
        String key = ResponseKey.of(r.conversationId, r.responseId);
        return await("response " + key + " audited").atMost(within).pollInterval(Duration.ofMillis(200))
                .until(() -> endedRecordOf(key), Optional::isPresent).orElseThrow();
    }

    private Optional<AssembledResponse> endedRecordOf(String key) {
        return TopicSnapshot.read(bootstrap, responses).stream()
                .filter(record -> key.equals(record.key()))
                .map(record -> AssembledResponseJson.read(record.value()))
                .filter(response -> response.status() != ResponseStatus.IN_PROGRESS)
                .findFirst();
    }

    private void audited(String what) throws InterruptedException {
        ResponseEvents normal = ResponseEvents.fresh();
        BrokerClients.sendEvents(chunks, normal.started(0, "m"), normal.text(1, what), normal.completed(2, "stop", null));
        AssembledResponse response = awaitEnded(normal, AUDITED_WITHIN);
        assertEquals(ResponseStatus.COMPLETED, response.status());
        assertEquals(what, response.text());
    }

    private static String json(ResponseEvents r, long seq, String body) {
        return "{\"type\":\"text.delta\",\"conversation_id\":\"" + r.conversationId + "\",\"response_id\":\""
                + r.responseId + "\",\"seq\":" + seq + ",\"timestamp\":\"2026-01-01T00:00:00Z\"" + body + "}";
    }

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndTheAuditGoesOnAcrossARestart() throws Exception {
        AssemblyWorker worker = startWorker("first");
        ResponseEvents p = ResponseEvents.fresh();
        BrokerClients.sendEvents(chunks, p.started(0, "m"), p.text(1, "ok"));
        sendRaw(p.conversationId,
                json(p, 2_147_483_647L, ",\"text\":\"int max\"").getBytes(StandardCharsets.UTF_8),
                json(p, 2_147_483_648L, ",\"text\":\"2^31\"").getBytes(StandardCharsets.UTF_8),
                json(p, 2, "").getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                "{not json".getBytes(StandardCharsets.UTF_8));
        ResponseEvents big = ResponseEvents.fresh();
        List<ChunkEvent> bigEvents = new ArrayList<>();
        bigEvents.add(big.started(0, "m"));
        String delta = "x".repeat(60_000);
        for (int seq = 1; seq <= 25; seq++) {
            bigEvents.add(big.text(seq, delta));
        }
        bigEvents.add(big.completed(26, "stop", null));
        BrokerClients.sendEvents(chunks, bigEvents.toArray(ChunkEvent[]::new));

        audited("after the poison");
        AssembledResponse bigResponse = awaitEnded(big, AUDITED_WITHIN);
        assertEquals(ResponseStatus.COMPLETED, bigResponse.status());
        assertEquals(25 * 60_000, bigResponse.text().length());
        assertTrue(worker.isAlive(), "Kafka Streams left RUNNING (the worker exits on ERROR)");
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : TopicSnapshot.read(bootstrap, deadLetter)) {
            if (p.conversationId.equals(record.key())) {
                reasons.add(new String(record.headers().lastHeader(EventHeaders.DEAD_LETTER_REASON).value(),
                        StandardCharsets.UTF_8));
            }
        }
        assertEquals(5, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("seq 2147483647"), reasons.get(0));
        assertTrue(reasons.get(1).contains("seq 2147483648"), reasons.get(1));
        assertTrue(reasons.get(2).contains("'text' is required"), reasons.get(2));
        assertTrue(reasons.get(3).startsWith("not valid JSON"), reasons.get(3));
        assertTrue(reasons.get(4).startsWith("not valid JSON"), reasons.get(4));

        worker.close();
        startWorker("second");
        audited("after a restart");
    }
}
