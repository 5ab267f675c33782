package tokenstream.ingest.push;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.kafka.KafkaAvailability;
import tokenstream.protocol.EventHeaders;
import tokenstream.topics.KafkaConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Learns from the chunks topic how far a response with {@link UncertainWrites} really got, so that a gateway's retry of
 * a line that was written after all is answered as a duplicate instead of being written twice.
 *
 * <p>Reads the response's partition from just after its last acknowledged record to the end. The chunks producer is
 * idempotent, not transactional, so what is in the log is final: no read_committed needed.
 */
@ApplicationScoped
public class LogProgressReader {
    private static final Logger LOG = Logger.getLogger(LogProgressReader.class);
    /**
     * With no acknowledged record to start from, the read starts at the first record stamped this long before the
     * first uncertain write was sent: room for a broker clock behind ours (topics with LogAppendTime).
     */
    private static final long CLOCK_SLACK_MILLIS = 60_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Duration timeout;
    private final KafkaAvailability kafka;

    public LogProgressReader(KafkaConnection connection, ChunkWriterConfig config, KafkaAvailability kafka) {
        this.topic = config.chunksTopic();
        // The check waits at most as long as the write it replaces would have.
        this.timeout = config.deliveryTimeout();
        this.kafka = kafka;
        this.consumer = new KafkaConsumer<>(connection.clientProperties(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-log-check",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sets the response's progress to what the log holds, if some of its writes are uncertain. Call with its lock held.
     *
     * @throws tokenstream.servicekit.web.ApiException 503 {@code kafka_unavailable} with Retry-After if the log cannot be
     *                                             read now; the progress stays uncertain
     */
    void settle(ResponseProgress progress) {
        UncertainWrites writes = progress.uncertain;
        if (writes == null) {
            return;
        }
        if (!writes.settled()) {
            throw kafka.unavailable("an earlier write of response " + progress.responseId + " is not answered yet");
        }
        OptionalLong highest;
        try {
            highest = highestSeq(progress.conversationId, progress.responseId, writes);
        } catch (KafkaException e) {
            LOG.warnf("cannot read the chunks topic to learn whether the uncertain writes of response %s are in it: %s",
                    progress.responseId, e.toString());
            throw kafka.unavailable("the chunks topic could not be read to learn how far response "
                    + progress.responseId + " got (" + e.getMessage() + ")");
        }
        writes.resolve(highest).ifPresent(after -> {
            progress.lastSeq = after.lastSeq();
            progress.ended = after.ended();
            progress.bytes = after.bytes();
            progress.endedByIngest = after.endedByIngest();
        });
        LOG.infof("response %s: writes Kafka did not acknowledge are in the log up to seq %s; continuing from seq %d",
                progress.responseId, highest.isPresent() ? highest.getAsLong() : "none", progress.lastSeq);
        progress.uncertain = null;
    }

    /** The highest seq of the response in its partition after the last acknowledged write, if any. */
    private synchronized OptionalLong highestSeq(String conversationId, String responseId, UncertainWrites writes) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partition = writes.partition >= 0 ? writes.partition : BuiltInPartitioner.partitionForKey(
                conversationId.getBytes(StandardCharsets.UTF_8), consumer.partitionsFor(topic, timeout).size());
        TopicPartition tp = new TopicPartition(topic, partition);
        try {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), remaining(deadline)).get(tp);
            long start = writes.fromOffset;
            if (start < 0) {
                OffsetAndTimestamp first = consumer.offsetsForTimes(
                        Map.of(tp, Math.max(0, writes.firstSentMillis - CLOCK_SLACK_MILLIS)), remaining(deadline)).get(tp);
                start = first == null ? end : first.offset();
            }
            consumer.seek(tp, start);
            long highest = -1;
            while (consumer.position(tp, remaining(deadline)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(remaining(deadline).compareTo(Duration.ofMillis(200)) < 0
                        ? remaining(deadline) : Duration.ofMillis(200))) {
                    if (record.offset() < end && responseId.equals(header(record, EventHeaders.RESPONSE_ID))) {
                        highest = Math.max(highest, seq(record));
                    }
                }
            }
            return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
        } finally {
            consumer.unsubscribe();
        }
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new org.apache.kafka.common.errors.TimeoutException("reading the chunks topic took too long");
        }
        return Duration.ofNanos(left);
    }

    /** The record's seq header; -1 if it has none that parses (not ingest's record: the audit dead-letters it). */
    private static long seq(ConsumerRecord<?, ?> record) {
        try {
            return Long.parseLong(header(record, EventHeaders.SEQ));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
