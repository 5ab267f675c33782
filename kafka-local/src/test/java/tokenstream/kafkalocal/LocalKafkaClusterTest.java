package tokenstream.kafkalocal;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.kafkasetup.TopicSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three KRaft nodes on loopback: replicated topics, a killed leader, a node brought back. */
class LocalKafkaClusterTest {
    private static LocalKafkaCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalKafkaCluster.start(3);
        try (var admin = cluster.admin()) {
            TopicPlan.ensure(admin, TopicSettings.localDefaults().withReplication(3, 2));
        }
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @Test
    void everyNodeJoinsAndTopicsAreReplicatedOnAllThree() throws Exception {
        try (var admin = cluster.admin()) {
            assertEquals(3, admin.describeCluster().nodes().get(20, TimeUnit.SECONDS).size());
            var chunks = admin.describeTopics(List.of("tokenstream.chunks")).allTopicNames().get(20, TimeUnit.SECONDS)
                    .get("tokenstream.chunks");
            chunks.partitions().forEach(p -> assertEquals(3, p.replicas().size(), p.toString()));
            cluster.awaitInSync(Duration.ofSeconds(60), List.of("tokenstream.chunks"));
        }
    }

    @Test
    void acknowledgedRecordSurvivesItsLeadersDeathAndWritesContinueOnTheNewLeader() throws Exception {
        try (var producer = producer()) {
            RecordMetadata before = producer.send(new ProducerRecord<>("tokenstream.chunks", "conv-kill", "before"))
                    .get(30, TimeUnit.SECONDS);
            int leader = cluster.leaderOf("tokenstream.chunks", before.partition());
            cluster.killNode(leader);
            try {
                RecordMetadata after = producer.send(new ProducerRecord<>("tokenstream.chunks", "conv-kill", "after"))
                        .get(30, TimeUnit.SECONDS);
                assertEquals(before.partition(), after.partition());
                int newLeader = cluster.leaderOf("tokenstream.chunks", before.partition());
                assertNotEquals(leader, newLeader);
                assertEquals(List.of("before", "after"), read(before.partition(), before.offset(), 2));
            } finally {
                cluster.startNode(leader);
            }
            assertTrue(cluster.node(leader).isRunning());
            cluster.awaitInSync(Duration.ofSeconds(60), List.of("tokenstream.chunks"));
        }
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> read(int partition, long from, int count) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition("tokenstream.chunks", partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
