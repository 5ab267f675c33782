package tokenstream.ingest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tokenstream.kafkalocal.SharedKafka;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Reads back what ingest wrote, with a plain consumer on the shared test broker. */
public final class ChunksTopic {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ChunksTopic() {
    }

    /** One record of the chunks topic. */
    public record ChunkRecord(EventId position, String key, Map<String, String> headers, ChunkEvent event) {
    }

    /** The record at a position. */
    public static ChunkRecord at(EventId position) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(Topics.CHUNKS, position.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return toChunk(record);
                }
            }
            throw new AssertionError("no record at " + position);
        }
    }

    /** Every record of the conversation already on the topic. */
    public static List<ChunkRecord> conversation(String conversationId) {
        return conversations(Set.of(conversationId), records -> true);
    }

    /** The conversation's records, read until {@code until} holds for them (or patience runs out). */
    public static List<ChunkRecord> conversationUntil(String conversationId, Predicate<List<ChunkRecord>> until) {
        return conversations(Set.of(conversationId), until);
    }

    /** Records of all the conversations in topic order, read until {@code until} holds for them. */
    public static List<ChunkRecord> conversations(Collection<String> conversationIds, Predicate<List<ChunkRecord>> until) {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            int partitions = consumer.partitionsFor(Topics.CHUNKS).size();
            List<TopicPartition> assigned = conversationIds.stream()
                    .map(id -> new TopicPartition(Topics.CHUNKS, BuiltInPartitioner.partitionForKey(
                            id.getBytes(StandardCharsets.UTF_8), partitions)))
                    .distinct().collect(Collectors.toList());
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            List<ChunkRecord> found = new ArrayList<>();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (conversationIds.contains(record.key())) {
                        found.add(toChunk(record));
                    }
                }
                boolean caughtUp = assigned.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
                if (caughtUp && until.test(found)) {
                    return found;
                }
            }
            return found;
        }
    }

    /** Whether the response's terminal event is among the records. */
    public static Predicate<List<ChunkRecord>> terminalOf(String responseId) {
        return records -> records.stream().anyMatch(r -> r.event().responseId().equals(responseId) && r.event().isTerminal());
    }

    private static ChunkRecord toChunk(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return new ChunkRecord(new EventId(record.partition(), record.offset()), record.key(), headers,
                ChunkEventCodec.read(record.value()));
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.get().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
