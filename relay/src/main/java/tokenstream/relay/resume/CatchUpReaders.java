package tokenstream.relay.resume;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.metrics.CatchUpGauges;
import tokenstream.relay.tail.ChunkConsumerSettings;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A small, fixed pool of Kafka consumers that serve positions behind the shared tail. Each reader
 * thread owns one consumer; resumes wait in a bounded queue, so a reconnect storm costs a queue, not
 * a consumer per client.
 */
@ApplicationScoped
public class CatchUpReaders implements CatchUpGauges {
    private final ChunkConsumerSettings kafka;
    private final ThreadPoolExecutor pool;
    private final ThreadLocal<KafkaConsumer<String, byte[]>> consumers = new ThreadLocal<>();
    private final AtomicInteger threadNumber = new AtomicInteger();

    public CatchUpReaders(RelayConfig config, ChunkConsumerSettings kafka) {
        this.kafka = kafka;
        pool = new ThreadPoolExecutor(config.catchUpReaders(), config.catchUpReaders(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.catchUpQueueLimit()), runnable -> {
            Thread t = new Thread(() -> {
                try {
                    runnable.run();
                } finally {
                    KafkaConsumer<String, byte[]> c = consumers.get();
                    if (c != null) {
                        c.close();
                    }
                }
            }, "relay-catch-up-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code work} on a reader thread with that thread's consumer.
     *
     * @return false if the queue is full (the caller answers 503)
     */
    public boolean submit(Consumer<? super KafkaConsumer<String, byte[]>> work) {
        try {
            pool.execute(() -> work.accept(consumer()));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Resumes waiting for a reader. */
    @Override
    public int waiting() {
        return pool.getQueue().size();
    }

    void onStop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        KafkaConsumer<String, byte[]> c = consumers.get();
        if (c == null) {
            c = new KafkaConsumer<>(kafka.consumer(Thread.currentThread().getName()));
            consumers.set(c);
        }
        return c;
    }
}
