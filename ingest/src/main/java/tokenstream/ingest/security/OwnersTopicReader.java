package tokenstream.ingest.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;
import tokenstream.protocol.MalformedEventException;
import tokenstream.protocol.ResponseClaim;
import tokenstream.kafkasetup.KafkaConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reads the whole response-owners topic into an {@link OwnershipLog} at start, then follows it: every ingest
 * instance sees every claim, so all of them, and this one after a restart, agree on each response's owner.
 * No consumer group (every instance reads everything) and no committed offsets (the topic is read from its
 * start each time; compaction and retention keep it to one record per live response id).
 *
 * <p>Memory: one entry per response id claimed within the topic's retention: a map node, the claim record, an
 * {@code Instant} and three strings (response id, conversation id, owner name), about 200 bytes plus the three
 * lengths, some 300 bytes for a generated {@code resp_…} id and a UUID-sized conversation id; 100,000 responses take
 * about 30 MB. The {@code tokenstream_ingest_response_owners} gauge shows the count.
 */
@Startup
@ApplicationScoped
public class OwnersTopicReader {
    private static final Logger LOG = Logger.getLogger(OwnersTopicReader.class);
    /** How long a losing claim may stay the last record of its id before this instance repeats the owner's claim. */
    static final long REPAIR_GRACE_MILLIS = 5_000;
    private static final long FORGET_SWEEP_MILLIS = 60_000;

    private final OwnershipLog log = new OwnershipLog();
    private final KafkaConsumer<String, byte[]> consumer;
    private final ClaimWriter writer;
    private final String topic;
    private final Duration forgetAfter;
    private final Thread thread;
    private final Object progress = new Object();
    /** Next offset to read, per partition; read by request threads waiting for their claim. */
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final long startedAt = System.nanoTime();
    private List<TopicPartition> assigned = List.of();
    private Map<TopicPartition, Long> catchUpTargets;
    private long lastSweep = System.currentTimeMillis();
    private volatile boolean caughtUp;
    private volatile String state = "not started";
    private volatile boolean refreshPartitions;
    private volatile boolean running = true;

    public OwnersTopicReader(KafkaConnection connection, OwnersConfig config, ClaimWriter writer,
                             MeterRegistry registry) {
        this.writer = writer;
        this.topic = config.topic();
        this.forgetAfter = config.forgetAfter();
        this.consumer = new KafkaConsumer<>(connection.clientProperties(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-owners",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // A request waits for its own claim to come back: answer fetches as soon as any byte is there.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50)), new StringDeserializer(), new ByteArrayDeserializer());
        Gauge.builder("tokenstream.ingest.response.owners", log, OwnershipLog::size)
                .description("response ids whose conversation and producer this instance knows (memory grows with it)")
                .register(registry);
        this.thread = new Thread(this::run, "response-owners-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** The owner of the response id, as far as this instance has read. */
    Optional<ResponseClaim> owner(String responseId) {
        return log.owner(responseId);
    }

    /** Whether everything that was on the topic when this instance started has been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** What the reader is doing, for people (readiness data). */
    public String state() {
        return state;
    }

    public int knownResponses() {
        return log.size();
    }

    /**
     * Waits until this instance has read the record at {@code offset} of {@code partition}, so that
     * {@link #owner} reflects it and every claim before it.
     *
     * @return false if that did not happen within {@code timeout}
     */
    boolean awaitRead(int partition, long offset, Duration timeout) throws InterruptedException {
        if (!positions.containsKey(partition)) {
            refreshPartitions = true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (positions.getOrDefault(partition, -1L) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                progress.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
        return true;
    }

    private void run() {
        while (running) {
            try {
                if (assigned.isEmpty() || refreshPartitions) {
                    if (!assign()) {
                        Thread.sleep(1_000);
                        continue;
                    }
                }
                long now = System.currentTimeMillis();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record, now);
                }
                for (TopicPartition partition : assigned) {
                    positions.put(partition.partition(), consumer.position(partition));
                }
                synchronized (progress) {
                    progress.notifyAll();
                }
                checkCaughtUp();
                repairLosingTails(now);
                forgetExpired(now);
            } catch (WakeupException e) {
                // close() asked us to stop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (KafkaException e) {
                // The consumer rides out broker restarts by itself; anything thrown is worth a pause and a retry.
                state = "reading " + topic + " failed (" + e.getMessage() + "); retrying";
                LOG.warnf("response owners: %s", state);
                pause();
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Assigns every partition of the topic; new ones are read from their start. False if the topic is not there. */
    private boolean assign() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
            state = "topic " + topic + " not found";
            LOG.warnf("response owners: %s; retrying", state);
            return false;
        }
        List<TopicPartition> all = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        List<TopicPartition> added = new ArrayList<>(all);
        added.removeAll(assigned);
        consumer.assign(all);
        consumer.seekToBeginning(added);
        if (catchUpTargets == null) {
            catchUpTargets = new HashMap<>(consumer.endOffsets(all, Duration.ofSeconds(10)));
            state = "reading " + topic + " up to the " + catchUpTargets.values().stream().mapToLong(Long::longValue).sum()
                    + " offsets it had at start";
            LOG.infof("response owners: %s", state);
        }
        assigned = all;
        refreshPartitions = false;
        // An empty topic is read at once: no need to wait for a first poll to say so.
        for (TopicPartition partition : all) {
            positions.put(partition.partition(), consumer.position(partition));
        }
        checkCaughtUp();
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record, long now) {
        if (record.key() == null) {
            LOG.warnf("response owners: skipping a record without key at %s/%d/%d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        if (record.value() == null) {
            log.forget(record.key());
            return;
        }
        try {
            log.apply(record.key(), ResponseClaim.read(record.value()), now);
        } catch (MalformedEventException e) {
            LOG.warnf("response owners: skipping unreadable claim at %s/%d/%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private void checkCaughtUp() {
        if (caughtUp || catchUpTargets == null) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> target : catchUpTargets.entrySet()) {
            if (positions.getOrDefault(target.getKey().partition(), -1L) < target.getValue()) {
                return;
            }
        }
        caughtUp = true;
        state = "following " + topic;
        LOG.infof("response owners: read %d owned response ids from %s in %d ms", log.size(), topic,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
    }

    // Normally the loser of a claim race writes the owner's claim after its own at once; this covers a loser that
    // died in between. Several instances may repeat the same claim: a duplicate of the last record is harmless.
    private void repairLosingTails(long now) {
        if (!caughtUp) {
            return;
        }
        for (Map.Entry<String, ResponseClaim> tail : log.tailsToRepair(now, REPAIR_GRACE_MILLIS)) {
            LOG.infof("response owners: the last claim of %s is a losing one; repeating the owner's", tail.getKey());
            writer.write(tail.getKey(), tail.getValue());
        }
    }

    private void forgetExpired(long now) {
        if (now - lastSweep < FORGET_SWEEP_MILLIS) {
            return;
        }
        lastSweep = now;
        int forgotten = log.forgetClaimedBefore(Instant.ofEpochMilli(now).minus(forgetAfter));
        if (forgotten > 0) {
            LOG.infof("response owners: forgot %d response ids claimed more than %s ago", forgotten, forgetAfter);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
