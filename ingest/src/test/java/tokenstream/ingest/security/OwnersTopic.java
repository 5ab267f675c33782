package tokenstream.ingest.security;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ResponseClaim;
import tokenstream.protocol.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The response-owners topic as another ingest instance sees it. */
final class OwnersTopic {
    private OwnersTopic() {
    }

    /** Writes a claim as another instance would. */
    static void send(String responseId, ResponseClaim claim) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RESPONSE_OWNERS, responseId, claim.write())).get();
        } catch (Exception e) {
            throw new AssertionError("could not write a claim", e);
        }
    }

    /** Every claim of the id now on the topic, in log order. */
    static List<ResponseClaim> claims(String responseId) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESPONSE_OWNERS).stream()
                    .map(p -> new TopicPartition(Topics.RESPONSE_OWNERS, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ResponseClaim> claims = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + Topics.RESPONSE_OWNERS + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (responseId.equals(record.key()) && record.value() != null) {
                        claims.add(ResponseClaim.read(record.value()));
                    }
                }
            }
            return claims;
        }
    }
}
