package tokenstream.relay.control;

import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.tail.ChunkTail;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells ingest, on the control topic, which in-progress responses have someone watching on this relay:
 * every presence interval, one presence message per watched conversation with open responses. Ingest
 * cancels a response that asked for it ({@code cancel_when_unwatched_for}) when no relay has named it for
 * its grace period, so a reconnect to any relay within the grace period keeps it alive.
 *
 * <p>The messages go out on the channel {@code presence-out} (Quarkus Messaging): fire and forget, since a
 * lost report is replaced by the next one.
 */
@Startup
@ApplicationScoped
public class PresenceReporter {
    private static final Logger LOG = Logger.getLogger(PresenceReporter.class);

    private final ChunkTail tail;
    private final Emitter<byte[]> emitter;
    private final AtomicInteger unwritten = new AtomicInteger();
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "presence-reporter");
        thread.setDaemon(true);
        return thread;
    });

    // Unbounded: a report is one message per watched conversation, and no report starts while one is unwritten.
    public PresenceReporter(ChunkTail tail, RelayConfig config,
                            @Channel("presence-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> emitter) {
        this.tail = tail;
        this.emitter = emitter;
        long period = config.presenceInterval().toMillis();
        timer.scheduleWithFixedDelay(this::report, period, period, TimeUnit.MILLISECONDS);
    }

    void report() {
        int stillUnwritten = unwritten.get();
        if (stillUnwritten > 0) {
            // Kafka is slow or away: the last report is still queued, and a newer one would only pile up behind it.
            LOG.debugf("presence: %d messages of the last report not written yet; this interval's report is skipped",
                    stillUnwritten);
            return;
        }
        try {
            Instant now = Instant.now();
            for (Map.Entry<String, List<String>> open : tail.watchedOpenResponses().entrySet()) {
                var presence = new ControlMessage.Presence(open.getKey(), open.getValue(), instance, now);
                unwritten.incrementAndGet();
                emitter.send(Message.of(ControlMessageCodec.write(presence))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(open.getKey()).build())
                        .withAck(this::written)
                        .withNack(error -> written()));
            }
        } catch (RuntimeException e) {
            LOG.warn("presence report failed; the next interval tries again", e);
        }
    }

    private CompletionStage<Void> written() {
        unwritten.decrementAndGet();
        return CompletableFuture.completedFuture(null);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
