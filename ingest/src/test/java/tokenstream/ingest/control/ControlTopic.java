package tokenstream.ingest.control;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The control topic as another ingest instance or a relay sees it: raw records in, raw records out. */
final class ControlTopic {
    private ControlTopic() {
    }

    static void send(String topic, String key, byte[] value) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", SharedKafka.get().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not write to " + topic, e);
        }
    }

    static void send(ControlMessage message) {
        send(tokenstream.protocol.Topics.CONTROL, message.conversationId(), ControlMessageCodec.write(message));
    }

    /** Records of the topic read from the beginning until one matches (or 20 s pass). */
    static List<ConsumerRecord<String, byte[]>> readUntil(String topic, Predicate<ConsumerRecord<String, byte[]>> wanted) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    found.add(record);
                    if (wanted.test(record)) {
                        return found;
                    }
                }
            }
            throw new AssertionError("no matching record on " + topic + " among " + found.size());
        }
    }
}
