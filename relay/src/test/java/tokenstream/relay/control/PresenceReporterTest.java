package tokenstream.relay.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.Topics;
import tokenstream.testkit.TestChunks;
import tokenstream.testkit.SseClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.awaitTailPast;
import static tokenstream.relay.RelayTestSupport.awaitUnwatched;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.writer;

/** The relay's presence reports on the control topic (interval 200 ms in tests). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PresenceReporterTest {

    private static List<ControlMessage.Presence> presencesOf(String conversationId, Duration readFor) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONTROL).stream()
                    .map(p -> new TopicPartition(Topics.CONTROL, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ControlMessage.Presence> found = new ArrayList<>();
            long deadline = System.nanoTime() + readFor.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (conversationId.equals(record.key())
                            && ControlMessageCodec.read(record.value()) instanceof ControlMessage.Presence presence) {
                        found.add(presence);
                    }
                }
            }
            return found;
        }
    }

    @Test
    void aWatchedInProgressResponseIsReportedAndReportsStopWhenTheLastClientLeaves() {
        String conversation = newConversation();
        String responseId = "resp-presence-" + conversation;
        try (TestChunks chunks = writer()) {
            chunks.write(new ChunkEvent.ResponseStarted(conversation, responseId, 0, Instant.now(), "simulator", null));
            chunks.write(new ChunkEvent.TextDelta(conversation, responseId, 1, Instant.now(), "Hi"));
        }
        try (SseClient client = open(conversation, null)) {
            client.take(2, TIMEOUT);
            await("two presence reports while watched").atMost(TIMEOUT)
                    .until(() -> presencesOf(conversation, Duration.ofMillis(300)).size() >= 2);
        }
        awaitUnwatched(conversation);
        Instant left = Instant.now();

        // Reading for 2 s spans ten report intervals: a report after the client left would be among them.
        List<ControlMessage.Presence> reports = presencesOf(conversation, Duration.ofSeconds(2));

        assertTrue(reports.size() >= 2, "a report per interval while watched: " + reports);
        reports.forEach(p -> assertEquals(List.of(responseId), p.responseIds()));
        assertTrue(reports.stream().allMatch(p -> p.at().isBefore(left.plusMillis(300))),
                "no report after the client left: " + reports);
    }

    @Test
    void anInProgressResponseNobodyWatchesIsNotReported() {
        String conversation = newConversation();
        try (TestChunks chunks = writer()) {
            awaitTailPast(chunks.write(new ChunkEvent.ResponseStarted(conversation, "resp-unwatched-" + conversation, 0,
                    Instant.now(), "simulator", null)));
        }

        assertEquals(List.of(), presencesOf(conversation, Duration.ofSeconds(1)));
    }
}
