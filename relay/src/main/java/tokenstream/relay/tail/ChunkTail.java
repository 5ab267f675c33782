package tokenstream.relay.tail;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.affinity.PartitionOwnership;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.core.TopicFeed;
import tokenstream.relay.health.TailHealth;
import tokenstream.relay.metrics.TailGauges;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one Kafka read of this relay instance: runs {@link TailLoop} sessions on a thread of its own, a new consumer
 * after a failure, and holds the {@link TopicFeed} that subscriptions join. Health and metrics read it through
 * {@link TailHealth} and {@link TailGauges}.
 */
@ApplicationScoped
public class ChunkTail implements TailHealth, TailGauges {
    private static final Logger LOG = Logger.getLogger(ChunkTail.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final ChunkConsumerSettings kafka;
    private final TailLoop.Settings settings;
    private final TailProgress progress = new TailProgress(System.currentTimeMillis());
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile TopicFeed<ChunkRecord> feed;
    private volatile int partitionsTailed;
    // Kafka's own count of the bytes this tail fetched: the current consumer's metric plus what earlier sessions'
    // consumers had fetched when they closed.
    private volatile Metric sessionFetchBytes;
    private volatile long closedSessionsFetchBytes;

    public ChunkTail(RelayConfig config, ChunkConsumerSettings kafka, PartitionOwnership ownership) {
        this.kafka = kafka;
        this.settings = new TailLoop.Settings(config.chunksTopic(), config.warmup(),
                config.windowMaxBytes().asLongValue(), config.windowMaxAge().toMillis(), ownership::owns);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        progress.polledAt(System.currentTimeMillis());
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
        return progress.awaitReady(timeout);
    }

    @Override
    public boolean isReady() {
        return progress.isReady();
    }

    /** The partitions as subscriptions join them; only valid once {@link #isReady()}. */
    public TopicFeed<ChunkRecord> feed() {
        return feed;
    }

    @Override
    public long lastPollMillis() {
        return progress.lastPollMillis();
    }

    @Override
    public boolean pollThreadAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    @Override
    public long lagRecords() {
        return progress.lagRecords();
    }

    /** Records whose event type was outside the vocabulary and delivered as {@link EventTypes#REPLACED}. */
    @Override
    public long replacedTypes() {
        return progress.replacedTypes();
    }

    @Override
    public long fetchBytes() {
        return closedSessionsFetchBytes + bytes(sessionFetchBytes);
    }

    @Override
    public int partitionsTailed() {
        return partitionsTailed;
    }

    @Override
    public long windowBytes() {
        TopicFeed<ChunkRecord> current = feed;
        return current == null ? 0 : current.windowBytes();
    }

    @Override
    public int subscriptionCount() {
        TopicFeed<ChunkRecord> current = feed;
        return current == null ? 0 : current.subscriptionCount();
    }

    @Override
    public int conversationCount() {
        TopicFeed<ChunkRecord> current = feed;
        return current == null ? 0 : current.conversationCount();
    }

    /** The in-progress responses of the conversations someone watches on this instance, by conversation. */
    public Map<String, List<String>> watchedOpenResponses() {
        TopicFeed<ChunkRecord> current = feed;
        return current == null ? Map.of() : current.watchedOpenResponses();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(kafka.consumer("relay-tail"))) {
                consumer = c;
                sessionFetchBytes = FetchBytes.of(c);
                TailLoop session = new TailLoop(c, settings, progress, System::currentTimeMillis);
                Optional<TopicFeed<ChunkRecord>> started = session.start(feed);
                while (running && started.isEmpty()) {
                    LOG.warnf("chunks topic %s does not exist yet; waiting", settings.topic());
                    sleep(1_000);
                    started = session.start(feed);
                }
                if (started.isEmpty()) {
                    return;
                }
                feed = started.get();
                partitionsTailed = session.servedCount();
                while (running) {
                    session.pollOnce(POLL_TIMEOUT);
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
                closedSessionsFetchBytes += bytes(sessionFetchBytes);
                sessionFetchBytes = null;
            }
        }
    }

    private static long bytes(Metric metric) {
        return metric == null ? 0 : (long) FetchBytes.value(metric);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
