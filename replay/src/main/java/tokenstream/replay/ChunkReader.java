package tokenstream.replay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventId;
import tokenstream.protocol.MalformedEventException;
import tokenstream.kafkasetup.KafkaConnection;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the selected events from the chunks topic as it stands when reading starts (records written later are
 * not waited for). Records that are not valid events are reported on {@code warnings} and skipped.
 */
public final class ChunkReader {
    private final KafkaConnection connection;
    private final String topic;
    private final PrintStream warnings;

    public ChunkReader(KafkaConnection connection, String topic, PrintStream warnings) {
        this.connection = connection;
        this.topic = topic;
        this.warnings = warnings;
    }

    /** The selected events: in topic order within one partition, by event time across partitions. */
    public List<ReplayedEvent> read(Selection selection) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(connection.clientProperties(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, selection);
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            seekToStart(consumer, partitions, selection, ends);
            List<ReplayedEvent> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        parse(record, selection).ifPresent(events::add);
                    }
                }
            }
            if (partitions.size() > 1) {
                events.sort(Comparator.comparing((ReplayedEvent e) -> e.event().timestamp())
                        .thenComparing(ReplayedEvent::position));
            }
            return events;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Selection selection) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic '" + topic + "' does not exist");
        }
        if (selection.conversationId() != null) {
            // The producer's key partitioning: every record of a conversation is in this one partition.
            byte[] key = selection.conversationId().getBytes(StandardCharsets.UTF_8);
            return List.of(new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % infos.size()));
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    private static void seekToStart(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                    Selection selection, Map<TopicPartition, Long> ends) {
        if (selection.from() == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, selection.from().toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = found.get(partition);
            consumer.seek(partition, first == null ? ends.get(partition) : first.offset());
        }
    }

    private java.util.Optional<ReplayedEvent> parse(ConsumerRecord<String, byte[]> record, Selection selection) {
        ChunkEvent event;
        try {
            event = ChunkEventCodec.read(record.value());
        } catch (MalformedEventException e) {
            warnings.printf("skipping %s/%d/%d: %s%n", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return java.util.Optional.empty();
        }
        ReplayedEvent replayed = new ReplayedEvent(new EventId(record.partition(), record.offset()),
                record.timestamp(), event);
        return selection.wants(record.key(), replayed) ? java.util.Optional.of(replayed) : java.util.Optional.empty();
    }
}
