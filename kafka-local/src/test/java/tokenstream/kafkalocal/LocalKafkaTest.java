package tokenstream.kafkalocal;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalKafkaTest {

    @Test
    void sharedBrokerHasThePipelineTopics() throws Exception {
        try (var admin = SharedKafka.get().admin()) {
            var names = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            assertTrue(names.containsAll(List.of(Topics.CHUNKS, Topics.RESPONSES, Topics.CONTROL, Topics.DEAD_LETTER)), names.toString());
            var chunks = admin.describeTopics(List.of(Topics.CHUNKS)).allTopicNames().get(20, TimeUnit.SECONDS).get(Topics.CHUNKS);
            assertEquals(TopicPlan.CHUNK_PARTITIONS, chunks.partitions().size());
        }
    }

    @Test
    void recordWrittenBeforeAKillIsReadAfterRestart() throws Exception {
        LocalKafka broker = LocalKafka.createTemporary().start();
        try {
            try (var admin = broker.admin()) {
                TopicPlan.apply(admin, TopicPlan.defaults());
            }
            RecordMetadata written;
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                written = producer.send(new ProducerRecord<>(Topics.CHUNKS, "conv", "{\"x\":1}")).get(20, TimeUnit.SECONDS);
            }
            broker.kill();
            assertFalse(broker.isRunning());
            broker.start();
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
                TopicPartition tp = new TopicPartition(Topics.CHUNKS, written.partition());
                consumer.assign(List.of(tp));
                consumer.seek(tp, written.offset());
                List<String> values = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.key() + "=" + r.value()));
                }
                assertEquals(List.of("conv={\"x\":1}"), values);
            }
        } finally {
            broker.stop();
        }
    }

    @Test
    void portInUseIsRefusedWithAClearMessage() throws Exception {
        int taken = SharedKafka.get().port();
        var e = assertThrows(PortAllocator.PortInUseException.class,
                () -> LocalKafka.create(taken, java.nio.file.Files.createTempDirectory("x"), Map.of()));
        assertTrue(e.getMessage().contains(String.valueOf(taken)) && e.getMessage().contains("already in use"), e.getMessage());
    }

    @Test
    void consoleToolsListTheTopics() {
        var result = KafkaConsoleTools.run(60, KafkaConsoleTools.TOPICS,
                "--bootstrap-server", SharedKafka.get().bootstrapServers(), "--list");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains(Topics.CHUNKS), result.output());
    }
}
