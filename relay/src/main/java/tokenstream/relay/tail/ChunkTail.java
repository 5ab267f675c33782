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
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.fanout.ConversationHub;
import tokenstream.relay.fanout.Subscription;
import tokenstream.relay.resume.OpenResponses;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
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
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile long lagRecords;

    void onStart(@Observes StartupEvent event) {
        running = true;
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

    /** Records behind the end of the topic at the last poll, summed over partitions. */
    public long lagRecords() {
        return lagRecords;
    }

    /**
     * Adds the subscription to the live index and returns the offset from which the tail will deliver
     * to it: every record of its partition at or after that offset reaches it live.
     */
    public long register(Subscription subscription) {
        ReentrantLock lock = locks[subscription.partition()];
        lock.lock();
        try {
            hub.add(subscription);
            return nextOffsets.get(subscription.partition());
        } finally {
            lock.unlock();
        }
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
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(100));
                    dispatch(c, records, partitions);
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
        for (TopicPartition tp : partitions) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
            ReentrantLock lock = locks[tp.partition()];
            lock.lock();
            try {
                for (ConsumerRecord<String, byte[]> record : batch) {
                    ChunkRecordReader.read(record).ifPresent(chunk -> {
                        openResponses.observe(chunk);
                        hub.dispatch(chunk);
                    });
                }
                nextOffsets.set(tp.partition(), c.position(tp));
            } finally {
                lock.unlock();
            }
            lag += c.currentLag(tp).orElse(0);
        }
        lagRecords = lag;
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
