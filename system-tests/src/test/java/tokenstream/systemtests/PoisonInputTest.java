package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.LocalStack;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Topics;
import tokenstream.testkit.TestChunks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input nobody meant to send, on the real pipeline: a 1.5 MB response pushed in pushes under 1 MiB, then records
 * written straight to Kafka that no assembler can use (a seq of 2^31 - 1, a value that is not JSON). The audit
 * goes on auditing every later response within seconds, also after a restart of the consumers, and the records it
 * could not use are in the dead-letter topic with the reason.
 */
class PoisonInputTest {
    private static final int DELTAS = 25;
    private static final int DELTA_CHARS = 60_000;
    private static final Duration AUDIT_DEADLINE = Duration.ofSeconds(10);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = OwnStack.start("poison");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void largeAndPoisonInputNeverStopsTheAuditAndIsDeadLettered() throws Exception {
        String big = "poison-big-" + UUID.randomUUID();
        String bigText = pushLargeResponse(big, big);

        String seqConversation = "poison-seq-" + UUID.randomUUID();
        String seqResponse = "resp-" + UUID.randomUUID();
        String notJsonConversation = "poison-json-" + UUID.randomUUID();
        List<EventId> poison = new ArrayList<>();
        try (TestChunks writer = new TestChunks(stack.bootstrapServers())) {
            writer.writeRaw(seqConversation, json("{\"type\":\"response.started\",\"conversation_id\":\"%s\","
                    + "\"response_id\":\"%s\",\"seq\":0,\"timestamp\":\"2026-12-01T00:00:00Z\",\"model\":\"m\"}",
                    seqConversation, seqResponse), headers("response.started", seqResponse, 0));
            poison.add(writer.writeRaw(seqConversation, json("{\"type\":\"text.delta\",\"conversation_id\":\"%s\","
                    + "\"response_id\":\"%s\",\"seq\":2147483647,\"timestamp\":\"2026-12-01T00:00:01Z\",\"text\":\"x\"}",
                    seqConversation, seqResponse), headers("text.delta", seqResponse, 2147483647L)));
            poison.add(writer.writeRaw(notJsonConversation,
                    "{\"type\":\"text.delta\", this is not JSON".getBytes(StandardCharsets.UTF_8), Map.of()));
        }

        assertLaterResponsesAreAudited("poison-after-");

        JsonNode bigAudit = FailureDrill.audited(stack, big);
        assertEquals(bigText.length(), bigAudit.get("text").asText().length(), "the 1.5 MB response audited whole");
        assertEquals(bigText, bigAudit.get("text").asText());

        stack.consumers().restart();
        Pipeline.awaitReady(stack.consumersUrl(), Duration.ofSeconds(90));
        assertLaterResponsesAreAudited("poison-restarted-");

        Map<String, String> reasons = deadLetterReasonsBySource();
        for (EventId id : poison) {
            String source = Topics.CHUNKS + "/" + id.partition() + "/" + id.offset();
            assertTrue(reasons.containsKey(source), "no dead letter from " + source + "; dead letters: " + reasons);
            assertFalse(reasons.get(source).isBlank(), "dead letter of " + source + " has no reason");
        }
    }

    /** Pushes response.started, 25 deltas of 60,000 characters and response.completed, never 1 MiB in one push. */
    private static String pushLargeResponse(String conversation, String response) {
        String url = stack.ingestUrl() + "/v1/conversations/" + conversation + "/responses/" + response + "/chunks";
        StringBuilder text = new StringBuilder();
        StringBuilder batch = new StringBuilder("{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway\"}\n");
        for (int seq = 1; seq <= DELTAS; seq++) {
            String delta = String.valueOf((char) ('a' + seq % 26)).repeat(DELTA_CHARS);
            text.append(delta);
            batch.append("{\"type\":\"text.delta\",\"seq\":").append(seq).append(",\"text\":\"").append(delta)
                    .append("\"}\n");
            if (seq % 10 == 0) {
                push(url, batch);
            }
        }
        batch.append("{\"type\":\"response.completed\",\"seq\":").append(DELTAS + 1)
                .append(",\"finish_reason\":\"stop\"}\n");
        push(url, batch);
        return text.toString();
    }

    private static void push(String url, StringBuilder batch) {
        assertTrue(batch.length() < 1024 * 1024, "a push stays under 1 MiB");
        Pipeline.Answer answer = Pipeline.post(url, "application/x-ndjson", batch.toString());
        assertEquals(200, answer.status(), answer.raw().body());
        batch.setLength(0);
    }

    /** Three responses started now are each audited within 10 s of their end. */
    private static void assertLaterResponsesAreAudited(String prefix) {
        for (int i = 0; i < 3; i++) {
            String conversation = prefix + i + "-" + UUID.randomUUID();
            Pipeline.Answer started = Pipeline.post(stack.ingestUrl() + "/v1/conversations/" + conversation
                    + "/responses", "application/json",
                    "{\"prompt\":\"after the poison\",\"options\":{\"seed\":" + i + ",\"max_tokens\":10,"
                            + "\"tokens_per_second\":50}}");
            assertEquals(202, started.status(), started.raw().body());
            String responseId = started.body().get("response_id").asText();
            // 10 tokens at 50/s end within a second; the audit then has 10 s.
            Pipeline.audited(stack.consumersUrl(), responseId, AUDIT_DEADLINE.plusSeconds(1), Pipeline::completed);
        }
    }

    private static Map<String, String> deadLetterReasonsBySource() {
        Map<String, String> reasons = new HashMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEAD_LETTER).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    reasons.put(header(record, EventHeaders.DEAD_LETTER_SOURCE),
                            header(record, EventHeaders.DEAD_LETTER_REASON));
                }
            }
        }
        return reasons;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] json(String format, Object... args) {
        return String.format(format, args).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, byte[]> headers(String type, String responseId, long seq) {
        return Map.of(EventHeaders.EVENT_TYPE, bytes(type), EventHeaders.RESPONSE_ID, bytes(responseId),
                EventHeaders.SEQ, bytes(String.valueOf(seq)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
