package tokenstream.ingest.push;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.kafka.KafkaAvailability;
import tokenstream.protocol.FailureCodes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends pushed responses whose gateway stopped pushing: after {@code push-idle-timeout} without an event, the
 * response gets {@code response.failed} {@code producer_timeout} on the chunks topic, so every viewer sees it end.
 *
 * <p>This is the fast path of the instance the gateway pushed to. It lives in memory, so it dies with the instance;
 * the audit consumers' sweep ends the responses of an instance that died (crash safety does not depend on this).
 */
@Startup
@ApplicationScoped
public class PushIdleWatchdog {
    private static final Logger LOG = Logger.getLogger(PushIdleWatchdog.class);
    private static final long MAX_PERIOD_MILLIS = 1_000;

    private final ResponseProgressTracker tracker;
    private final ChunkWriter writer;
    private final KafkaAvailability kafka;
    private final LogProgressReader logProgress;
    private final Duration idleTimeout;
    private final long ackTimeoutMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "push-idle-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public PushIdleWatchdog(ResponseProgressTracker tracker, ChunkWriter writer, KafkaAvailability kafka,
                            PushIdleConfig config, ChunkWriterConfig writerConfig, LogProgressReader logProgress) {
        this.logProgress = logProgress;
        this.tracker = tracker;
        this.writer = writer;
        this.kafka = kafka;
        this.idleTimeout = config.pushIdleTimeout();
        this.ackTimeoutMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
        long period = Math.max(20, Math.min(MAX_PERIOD_MILLIS, idleTimeout.toMillis() / 10));
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void sweep() {
        try {
            if (kafka.unavailableReason().isPresent()) {
                // The end could not be written now; the responses stay owed and are ended once Kafka answers.
                return;
            }
            long now = System.nanoTime();
            List<PushBatch> ending = new ArrayList<>();
            List<ResponseProgress> locked = new ArrayList<>();
            try {
                // All ends are sent before any is awaited, so a thousand idle responses cost one round trip.
                for (ResponseProgress progress : tracker.open()) {
                    if (now - progress.lastEventNanos < idleTimeout.toNanos() || !progress.lock.tryLock()) {
                        continue; // not idle, or a push of it is running right now
                    }
                    locked.add(progress);
                    if (!settled(progress) || continuedElsewhere(progress)) {
                        continue;
                    }
                    if (progress.open() && now - progress.lastEventNanos >= idleTimeout.toNanos()) {
                        PushBatch end = new PushBatch(progress, writer);
                        end.fail(FailureCodes.PRODUCER_TIMEOUT, "no event was pushed for this response for "
                                + idleTimeout.toMillis() + " ms (tokenstream.ingest.push-idle-timeout): its producer is gone");
                        ending.add(end);
                    }
                }
                for (PushBatch end : ending) {
                    if (end.awaitAcks(ackTimeoutMillis) == 1) {
                        LOG.infof("ended pushed response %s with producer_timeout after %s without an event",
                                end.responseId(), idleTimeout);
                    } else {
                        LOG.warnf("producer_timeout of pushed response %s was not acknowledged; trying again",
                                end.responseId());
                    }
                }
            } finally {
                for (ResponseProgress progress : locked) {
                    tracker.update(progress);
                    progress.lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("push idle sweep failed", e);
        }
    }

    /**
     * Whether another ingest instance has written events of the response since this one last did (the gateway
     * pushes it there now): that is activity, and that instance owes the end if it goes quiet again. Also true
     * when the log cannot be read now: the end waits.
     */
    private boolean continuedElsewhere(ResponseProgress progress) {
        try {
            if (logProgress.catchUpAfterLastWrite(progress)) {
                progress.lastEventNanos = System.nanoTime();
                return true;
            }
            return false;
        } catch (RuntimeException e) {
            LOG.warnf("pushed response %s is idle here, but the log cannot tell now whether another instance "
                    + "continued it (%s); trying again", progress.responseId, e.getMessage());
            return true;
        }
    }

    /** Whether the response's progress is known: the end must take the seq after the last event really written. */
    private boolean settled(ResponseProgress progress) {
        try {
            logProgress.settle(progress);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("pushed response %s is idle but how far it got is not known yet (%s); trying again",
                    progress.responseId, e.getMessage());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
