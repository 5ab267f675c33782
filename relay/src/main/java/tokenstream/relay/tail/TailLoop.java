package tokenstream.relay.tail;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.core.TopicFeed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * One consumer session of the shared tail: every chunks partition this instance serves (all of them, or its share with
 * partition affinity) assigned by hand (no group, so client churn never causes a rebalance), positioned (the warm-up on the first session, where the last one stopped on the next), then
 * polled, each partition's records handed to its {@link tokenstream.relay.core.PartitionFeed}. It also follows
 * Kafka's log start, measures the lag and says when it has caught up. Kafka calls only: what the records mean to
 * subscriptions is the core's.
 */
final class TailLoop {
    private static final Logger LOG = Logger.getLogger(TailLoop.class);
    /** How often the windows learn Kafka's log start, so they never serve what retention removed. */
    static final long LOG_START_CHECK_MILLIS = 5_000;

    /**
     * What a session needs to know besides its consumer.
     *
     * @param serves the partitions this instance tails (every one without partition affinity)
     */
    record Settings(String topic, Duration warmup, long windowMaxBytes, long windowMaxAgeMillis, IntPredicate serves) {
    }

    private final Consumer<String, byte[]> consumer;
    private final Settings settings;
    private final TailProgress progress;
    private final LongSupplier clock;
    // Reused for every poll: the hot path allocates no list per partition and poll.
    private final List<ChunkRecord> batch = new ArrayList<>();
    private List<TopicPartition> partitions;
    private int partitionCount;
    private Map<TopicPartition, Long> endAtStart;
    private TopicFeed<ChunkRecord> feed;
    private long nextLogStartCheck;

    TailLoop(Consumer<String, byte[]> consumer, Settings settings, TailProgress progress, LongSupplier clock) {
        this.consumer = consumer;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Assigns every partition of the topic this instance serves and positions the consumer: from the previous session's feed where it
     * stopped, or, on the first session, {@code warmup} back in time, so in-progress responses are known and recent
     * resumes come from memory after a restart.
     *
     * @param previous the feed of an earlier session, or null on the first
     * @return the feed this session appends to, or empty while the topic does not exist
     * @throws IllegalStateException if the topic's partition count changed since the previous session
     */
    Optional<TopicFeed<ChunkRecord>> start(TopicFeed<ChunkRecord> previous) {
        List<PartitionInfo> infos = consumer.partitionsFor(settings.topic(), Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            return Optional.empty();
        }
        partitionCount = infos.size();
        partitions = infos.stream().filter(p -> settings.serves().test(p.partition()))
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        if (previous != null && previous.partitionCount() != partitionCount) {
            throw new IllegalStateException("partition count of " + settings.topic() + " changed from "
                    + previous.partitionCount() + " to " + partitionCount + "; restart the relay");
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException(settings.topic() + " has " + partitionCount + " partitions, none of them"
                    + " this instance's (tokenstream.relay.affinity.instance/instances)");
        }
        consumer.assign(partitions);
        endAtStart = consumer.endOffsets(partitions);
        if (previous == null) {
            warmUp();
            // The feed keeps every partition, so a conversation's partition is its index; the ones not served here
            // stay empty, and the window's memory goes to the served ones (the feed splits it across all).
            long[] positions = new long[partitionCount];
            partitions.forEach(tp -> positions[tp.partition()] = consumer.position(tp));
            feed = new TopicFeed<>(positions, settings.windowMaxBytes() / partitions.size() * partitionCount,
                    settings.windowMaxAgeMillis());
        } else {
            partitions.forEach(tp -> consumer.seek(tp, previous.partition(tp.partition()).nextOffset()));
            feed = previous;
        }
        nextLogStartCheck = 0;
        return Optional.of(feed);
    }

    /** The partitions this session tails. */
    int servedCount() {
        return partitions.size();
    }

    /** One poll: records to the core, the windows' log start when due, lag, and readiness once caught up. */
    void pollOnce(Duration timeout) {
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        long now = clock.getAsLong();
        long lag = 0;
        for (TopicPartition tp : partitions) {
            batch.clear();
            for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                Optional<ChunkRecord> chunk = ChunkRecordReader.read(record);
                if (chunk.isPresent()) {
                    collect(chunk.get());
                }
            }
            feed.partition(tp.partition()).append(batch, consumer.position(tp), now);
            lag += consumer.currentLag(tp).orElse(0);
        }
        batch.clear();
        progress.polled(now, lag);
        if (now >= nextLogStartCheck) {
            followLogStart();
            nextLogStartCheck = now + LOG_START_CHECK_MILLIS;
        }
        if (!progress.isReady() && reachedEndAtStart()) {
            LOG.infof("relay tail ready on %d of %d partitions of %s", partitions.size(), partitionCount, settings.topic());
            progress.caughtUp();
        }
    }

    private void collect(ChunkRecord chunk) {
        if (EventTypes.REPLACED.equals(chunk.eventType())) {
            // Counted here, where each record is read once; catch-up reads read it again.
            progress.replacedType();
        }
        batch.add(chunk);
    }

    private void warmUp() {
        long since = clock.getAsLong() - settings.warmup().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            consumer.seek(tp, at != null ? at.offset() : ends.get(tp));
        }
    }

    private void followLogStart() {
        Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(5));
        for (TopicPartition tp : partitions) {
            Long start = starts.get(tp);
            if (start != null) {
                feed.partition(tp.partition()).followLogStart(start);
            }
        }
    }

    private boolean reachedEndAtStart() {
        return endAtStart.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }
}
