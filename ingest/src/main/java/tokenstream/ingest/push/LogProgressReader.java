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
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.FailureCodes;
import tokenstream.kafkasetup.KafkaConnection;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Learns from the chunks topic how far a response really got: after {@link UncertainWrites}, so that a gateway's retry
 * of a line that was written after all is answered as a duplicate instead of being written twice; and when another
 * ingest instance may have written it ({@link #catchUp}), so that any instance accepts a response's next push.
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

    /**
     * Brings the response's progress up to what the chunks log holds. A gateway may push each part of a response to
     * any ingest instance, so another instance may have written events of it since this one last did, or this one
     * may never have seen it (a restart, a load balancer's choice). Call with its lock held, after {@link #settle}.
     *
     * @param claimedAt when the response id was claimed: no event of it is older, so an unknown response is read
     *                  from there
     * @return whether the log held events of the response that this instance did not know of
     * @throws tokenstream.ingest.web.ApiException 503 {@code kafka_unavailable} with Retry-After if the log cannot be
     *                                             read now
     */
    boolean catchUp(ResponseProgress progress, String conversationId, Instant claimedAt) {
        LogProgress found;
        try {
            found = readProgress(conversationId, progress.responseId, progress.lastPosition,
                    claimedAt.toEpochMilli(), progress.lastSeq);
        } catch (KafkaException e) {
            LOG.warnf("cannot read the chunks topic to learn how far response %s got: %s", progress.responseId,
                    e.toString());
            throw kafka.unavailable("the chunks topic could not be read to learn how far response "
                    + progress.responseId + " got (" + e.getMessage() + ")");
        }
        if (found.lastSeq() <= progress.lastSeq) {
            return false;
        }
        LOG.infof("response %s: the chunks log holds it up to seq %d (this instance knew it up to seq %d)",
                progress.responseId, found.lastSeq(), progress.lastSeq);
        progress.conversationId = conversationId;
        progress.lastSeq = found.lastSeq();
        progress.ended = found.ended();
        progress.endedByIngest = found.endedByIngest();
        progress.bytes += found.addedBytes();
        progress.lastPosition = found.lastPosition();
        return true;
    }

    /**
     * Like {@link #catchUp}, for a response this instance has written: the read starts after its last write.
     *
     * @return whether another instance has written events of it since; false if this instance wrote none yet
     */
    boolean catchUpAfterLastWrite(ResponseProgress progress) {
        if (progress.lastPosition == null || progress.conversationId == null) {
            return false;
        }
        // The claim time only places the read of a response never written here; this one starts at its last write.
        return catchUp(progress, progress.conversationId, Instant.EPOCH);
    }

    /** What the log says of a response beyond what this instance knew. */
    private record LogProgress(long lastSeq, boolean ended, String endedByIngest, long addedBytes,
                               EventId lastPosition) {
    }

    private synchronized LogProgress readProgress(String conversationId, String responseId, EventId known,
                                                  long claimedAtMillis, long knownSeq) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partition = known != null ? known.partition() : partitionOf(conversationId, deadline);
        long[] lastSeq = {knownSeq};
        boolean[] ended = {false};
        String[] endedByIngest = {null};
        long[] bytes = {0};
        EventId[] position = {known};
        read(new TopicPartition(topic, partition), known != null ? known.offset() + 1 : -1,
                claimedAtMillis - CLOCK_SLACK_MILLIS, deadline, record -> {
                    if (!conversationId.equals(key(record)) || !responseId.equals(header(record, EventHeaders.RESPONSE_ID))) {
                        return;
                    }
                    ChunkEvent event;
                    try {
                        event = ChunkEventCodec.read(record.value());
                    } catch (RuntimeException e) {
                        return; // not an event ingest wrote: the audit dead-letters it
                    }
                    if (event.seq() <= lastSeq[0]) {
                        return; // a repeat
                    }
                    lastSeq[0] = event.seq();
                    ended[0] = event.isTerminal();
                    endedByIngest[0] = endedByIngest(event);
                    bytes[0] += ResponseSize.of(event);
                    position[0] = new EventId(record.partition(), record.offset());
                });
        return new LogProgress(lastSeq[0], ended[0], endedByIngest[0], bytes[0], position[0]);
    }

    /** An end ingest writes on a producer's behalf takes the producer's next seq: its code, else null. */
    private static String endedByIngest(ChunkEvent event) {
        if (event instanceof ChunkEvent.ResponseFailed failed && (FailureCodes.PRODUCER_TIMEOUT.equals(failed.code())
                || FailureCodes.OUTPUT_TOO_LARGE.equals(failed.code()))) {
            return failed.code();
        }
        return null;
    }

    /** The highest seq of the response in its partition after the last acknowledged write, if any. */
    private synchronized OptionalLong highestSeq(String conversationId, String responseId, UncertainWrites writes) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int partition = writes.partition >= 0 ? writes.partition : partitionOf(conversationId, deadline);
        long[] highest = {-1};
        read(new TopicPartition(topic, partition), writes.fromOffset,
                writes.firstSentMillis - CLOCK_SLACK_MILLIS, deadline, record -> {
                    if (responseId.equals(header(record, EventHeaders.RESPONSE_ID))) {
                        highest[0] = Math.max(highest[0], seq(record));
                    }
                });
        return highest[0] < 0 ? OptionalLong.empty() : OptionalLong.of(highest[0]);
    }

    private int partitionOf(String conversationId, long deadline) {
        return BuiltInPartitioner.partitionForKey(conversationId.getBytes(StandardCharsets.UTF_8),
                consumer.partitionsFor(topic, remaining(deadline)).size());
    }

    /**
     * Hands {@code visit} every record of the partition from {@code startOffset} (or, if negative, from the first
     * record stamped at or after {@code startMillis}) to the end the log has now.
     */
    private void read(TopicPartition tp, long startOffset, long startMillis, long deadline,
                      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> visit) {
        try {
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), remaining(deadline)).get(tp);
            long start = startOffset;
            if (start < 0) {
                OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(tp, Math.max(0, startMillis)),
                        remaining(deadline)).get(tp);
                start = first == null ? end : first.offset();
            }
            consumer.seek(tp, start);
            while (consumer.position(tp, remaining(deadline)) < end) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(remaining(deadline).compareTo(Duration.ofMillis(200)) < 0
                        ? remaining(deadline) : Duration.ofMillis(200))) {
                    if (record.offset() < end) {
                        visit.accept(record);
                    }
                }
            }
        } finally {
            consumer.unsubscribe();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
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
