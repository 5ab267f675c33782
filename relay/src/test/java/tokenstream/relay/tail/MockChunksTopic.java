package tokenstream.relay.tail;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import tokenstream.protocol.EventHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Chunks records and a {@link MockConsumer} for the Kafka adapters' tests, no broker. */
public final class MockChunksTopic {
    public static final String TOPIC = "tokenstream.chunks";

    private MockChunksTopic() {
    }

    public static TopicPartition tp(int partition) {
        return new TopicPartition(TOPIC, partition);
    }

    /** A record as ingest writes it: key, JSON value, {@code event-type} and {@code response-id} headers. */
    public static ConsumerRecord<String, byte[]> record(int partition, long offset, String conversationId, String type,
                                                        long timestampMillis) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.RESPONSE_ID, "r1".getBytes(StandardCharsets.UTF_8));
        String value = "{\"type\":\"" + type + "\",\"conversation_id\":\"" + conversationId
                + "\",\"response_id\":\"r1\",\"seq\":" + offset + ",\"timestamp\":\"2026-11-26T10:00:00Z\"}";
        return new ConsumerRecord<>(TOPIC, partition, offset, timestampMillis, TimestampType.CREATE_TIME, 0, 0,
                conversationId, value.getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    /** A mock consumer that also answers {@code offsetsForTimes}, which Kafka's own leaves unimplemented. */
    public static final class Consumer extends MockConsumer<String, byte[]> {
        public final Map<TopicPartition, Long> offsetsForTimes = new HashMap<>();
        public int offsetsForTimesCalls;

        public Consumer(int partitions) {
            super("earliest");
            List<PartitionInfo> infos = new ArrayList<>();
            Node node = new Node(0, "localhost", 9092);
            IntStream.range(0, partitions).forEach(p -> infos.add(new PartitionInfo(TOPIC, p, node, null, null)));
            updatePartitions(TOPIC, infos);
            Map<TopicPartition, Long> zero = new HashMap<>();
            IntStream.range(0, partitions).forEach(p -> zero.put(tp(p), 0L));
            updateBeginningOffsets(zero);
            updateEndOffsets(zero);
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query) {
            offsetsForTimesCalls++;
            Map<TopicPartition, OffsetAndTimestamp> found = new HashMap<>();
            query.keySet().forEach(tp -> {
                Long offset = offsetsForTimes.get(tp);
                found.put(tp, offset == null ? null : new OffsetAndTimestamp(offset, 0L));
            });
            return found;
        }

        /** Adds records to an assigned partition and moves its end past them, as a producer would. */
        public void produce(ConsumerRecord<String, byte[]>... records) {
            for (ConsumerRecord<String, byte[]> record : records) {
                addRecord(record);
                updateEndOffsets(Map.of(tp(record.partition()), record.offset() + 1));
            }
        }
    }
}
