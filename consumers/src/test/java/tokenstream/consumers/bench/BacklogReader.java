package tokenstream.consumers.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One long-lived read_committed consumer of a topic, as a running service has: it reads a backlog from where the
 * topic ended before it was written to its {@link BacklogWriter.Backlog#ends()}, timed from its first poll.
 */
final class BacklogReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    BacklogReader(String bootstrap, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
    }

    /** Where every partition ends now, as a read_committed reader sees it. */
    Map<Integer, Long> ends() {
        return consumer.endOffsets(partitions).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }

    /** Reads from {@code from} to {@code to}, by partition; returns the {@link System#nanoTime()} of its first poll. */
    long read(Map<Integer, Long> from, Map<Integer, Long> to, Consumer<ConsumerRecord<String, byte[]>> each) {
        partitions.forEach(p -> consumer.seek(p, from.get(p.partition())));
        long firstPoll = System.nanoTime();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < to.getOrDefault(p.partition(), 0L))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < to.getOrDefault(record.partition(), 0L)) {
                    each.accept(record);
                }
            }
        }
        return firstPoll;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
