package tokenstream.relay.tail;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.fanout.ConversationHub;
import tokenstream.relay.fanout.Subscription;
import tokenstream.relay.resume.OpenResponses;
import tokenstream.relay.resume.RecentWindow;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one Kafka read of this relay instance: a consumer with every chunks partition assigned by hand
 * (no group, so client churn never causes a rebalance) whose records are dispatched to the
 * subscriptions of their conversation.
 *
 * <p>Each partition has a lock held while its records are dispatched and its position advanced. A new
 * subscription registers under that lock and learns the position from which the tail will deliver to
 * it; everything before that position is the catch-up reader's job. That is what makes the seam exact.
 */
@ApplicationScoped
public class ChunkTail {
    private static final Logger LOG = Logger.getLogger(ChunkTail.class);
    /** How often the window learns Kafka's log start, so it never serves what retention removed. */
    private static final long RETENTION_CHECK_MILLIS = 5_000;

    @Inject
    RelayConfig config;
    @Inject
    KafkaSettings kafka;
    @Inject
    ConversationHub hub;
    @Inject
    OpenResponses openResponses;

    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile ReentrantLock[] locks;
    private volatile AtomicLongArray nextOffsets;
    private volatile RecentWindow[] windows;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile long lagRecords;
    private volatile long lastPollMillis = System.currentTimeMillis();
    private final LongAdder replacedTypes = new LongAdder();

    void onStart(@Observes StartupEvent event) {
        running = true;
        lastPollMillis = System.currentTimeMillis();
        thread = new Thread(this::run, "relay-chunk-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until the tail has its partitions and has read up to where the topic ended when it started. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** Partitions of the chunks topic; only valid once {@link #isReady()}. */
    public int partitionCount() {
        return locks.length;
    }

    /** When the tail last came back from polling Kafka (or started), wall clock; for readiness. */
    public long lastPollMillis() {
        return lastPollMillis;
    }

    /** Whether the tail's poll thread is alive; for readiness. */
    public boolean pollThreadAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Records behind the end of the topic at the last poll, summed over partitions. */
    public long lagRecords() {
        return lagRecords;
    }

    /** Records whose event type was outside the vocabulary and delivered as {@link EventTypes#REPLACED}. */
    public long replacedTypes() {
        return replacedTypes.sum();
    }

    /**
     * What a new subscription gets from the tail: the offset from which the tail delivers to it live,
     * and, when the recent-events window still holds everything from the requested offset, the
     * conversation's records between that offset and the boundary.
     */
    public record Registration(long boundary, Optional<List<ChunkRecord>> fromWindow) {
    }

    /**
     * Adds the subscription to the live index. Both answers are taken under the partition's lock, so
     * window records end exactly where live delivery begins.
     *
     * @param fromOffset first offset the client wants, or -1 for none
     */
    public Registration register(Subscription subscription, long fromOffset) {
        int partition = subscription.partition();
        ReentrantLock lock = locks[partition];
        lock.lock();
        try {
            hub.add(subscription);
            long boundary = nextOffsets.get(partition);
            Optional<List<ChunkRecord>> fromWindow = fromOffset >= 0 && fromOffset < boundary
                    ? windows[partition].recordsFrom(subscription.conversationId(), fromOffset)
                    : Optional.empty();
            return new Registration(boundary, fromWindow);
        } finally {
            lock.unlock();
        }
    }

    /** Bytes and records held by the recent-events windows of all partitions. */
    public long[] windowUsage() {
        RecentWindow[] current = windows;
        long bytes = 0;
        long records = 0;
        if (current != null) {
            for (int p = 0; p < current.length; p++) {
                locks[p].lock();
                try {
                    bytes += current[p].bytes();
                    records += current[p].size();
                } finally {
                    locks[p].unlock();
                }
            }
        }
        return new long[]{bytes, records};
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumer("relay-tail"))) {
                consumer = c;
                List<TopicPartition> partitions = assign(c);
                Map<TopicPartition, Long> endAtStart = c.endOffsets(partitions);
                if (locks == null) {
                    warmUp(c, partitions);
                } else {
                    partitions.forEach(tp -> c.seek(tp, nextOffsets.get(tp.partition())));
                }
                partitions.forEach(tp -> nextOffsets.set(tp.partition(), c.position(tp)));
                if (windows == null) {
                    windows = newWindows(c, partitions);
                }
                long nextRetentionCheck = 0;
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
                    lastPollMillis = System.currentTimeMillis();
                    dispatch(c, records, partitions);
                    if (System.currentTimeMillis() >= nextRetentionCheck) {
                        followRetention(c, partitions);
                        nextRetentionCheck = System.currentTimeMillis() + RETENTION_CHECK_MILLIS;
                    }
                    if (!isReady() && reached(c, endAtStart)) {
                        LOG.infof("relay tail ready on %d partitions of %s", partitions.size(), config.chunksTopic());
                        ready.countDown();
                    }
                }
            } catch (WakeupException e) {
                // shutting down
            } catch (Exception e) {
                if (running) {
                    LOG.warnf("relay tail failed (%s), reconnecting in 1 s", e.toString());
                    sleep(1_000);
                }
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> assign(KafkaConsumer<String, byte[]> c) {
        List<PartitionInfo> infos = null;
        while (running && (infos == null || infos.isEmpty())) {
            infos = c.partitionsFor(config.chunksTopic(), Duration.ofSeconds(10));
            if (infos == null || infos.isEmpty()) {
                LOG.warnf("chunks topic %s does not exist yet; waiting", config.chunksTopic());
                sleep(1_000);
            }
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                .toList();
        if (locks == null) {
            ReentrantLock[] newLocks = new ReentrantLock[partitions.size()];
            for (int i = 0; i < newLocks.length; i++) {
                newLocks[i] = new ReentrantLock();
            }
            nextOffsets = new AtomicLongArray(partitions.size());
            locks = newLocks;
        } else if (locks.length != partitions.size()) {
            throw new IllegalStateException("partition count of " + config.chunksTopic() + " changed from "
                    + locks.length + " to " + partitions.size() + "; restart the relay");
        }
        c.assign(partitions);
        return partitions;
    }

    private RecentWindow[] newWindows(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        RecentWindow[] created = new RecentWindow[partitions.size()];
        long perPartition = Math.max(1, config.windowMaxBytes().asLongValue() / partitions.size());
        for (TopicPartition tp : partitions) {
            created[tp.partition()] = new RecentWindow(perPartition, config.windowMaxAge().toMillis(), c.position(tp));
        }
        return created;
    }

    private void warmUp(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        long since = System.currentTimeMillis() - config.warmup().toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query);
        Map<TopicPartition, Long> ends = c.endOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp at = found.get(tp);
            c.seek(tp, at != null ? at.offset() : ends.get(tp));
        }
    }

    private void dispatch(KafkaConsumer<String, byte[]> c, ConsumerRecords<String, byte[]> records,
                          List<TopicPartition> partitions) {
        long lag = 0;
        long now = System.currentTimeMillis();
        for (TopicPartition tp : partitions) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
            RecentWindow window = windows[tp.partition()];
            ReentrantLock lock = locks[tp.partition()];
            lock.lock();
            try {
                for (ConsumerRecord<String, byte[]> record : batch) {
                    ChunkRecordReader.read(record).ifPresent(chunk -> {
                        if (EventTypes.REPLACED.equals(chunk.eventType())) {
                            // Counted here, where each record is read once; catch-up reads read it again.
                            replacedTypes.increment();
                        }
                        openResponses.observe(chunk);
                        window.append(chunk, now);
                        hub.dispatch(chunk);
                    });
                }
                window.evict(now);
                nextOffsets.set(tp.partition(), c.position(tp));
            } finally {
                lock.unlock();
            }
            lag += c.currentLag(tp).orElse(0);
        }
        lagRecords = lag;
    }

    private void followRetention(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> starts = c.beginningOffsets(partitions, Duration.ofSeconds(5));
        for (TopicPartition tp : partitions) {
            Long start = starts.get(tp);
            if (start != null) {
                locks[tp.partition()].lock();
                try {
                    windows[tp.partition()].dropBefore(start);
                } finally {
                    locks[tp.partition()].unlock();
                }
            }
        }
    }

    private boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
