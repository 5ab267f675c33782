package tokenstream.ingest.generation;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The generations of this instance: the ones in flight (for cancel, presence, the watchdog, admission
 * and shutdown) and how recently ended ones ended (so a late cancel can say so).
 *
 * <p>Shutdown ends each in-flight generation with {@code response.failed} ({@code code: shutdown}) instead
 * of leaving readers waiting for a terminal event that never comes. It runs before the producer is
 * closed, so those events are still written.
 */
@ApplicationScoped
public class GenerationRegistry {
    private static final Logger LOG = Logger.getLogger(GenerationRegistry.class);

    private final Map<String, Generation> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> endedAs;
    private final Semaphore slots;
    private final Duration shutdownGrace;
    private final long cancelWaitMillis;
    private volatile boolean accepting = true;

    public GenerationRegistry(GenerationConfig config) {
        this.shutdownGrace = config.shutdownGrace();
        this.slots = new Semaphore(config.maxConcurrentGenerations());
        this.cancelWaitMillis = config.shutdownGrace().toMillis();
        int remembered = config.endedResponsesRemembered();
        this.endedAs = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > remembered;
            }
        });
    }

    boolean accepting() {
        return accepting;
    }

    /** Takes one of the instance's generation slots; false when all are in use. */
    boolean tryAdmit() {
        return slots.tryAcquire();
    }

    /** Gives back a slot taken by {@link #tryAdmit} for a generation that never got tracked. */
    void release() {
        slots.release();
    }

    /**
     * Tracks an admitted generation until its terminal event is written; its slot is released then.
     *
     * @return false if shutdown has begun; the generation has then been ended with {@code shutdown}
     */
    boolean track(Generation generation) {
        inFlight.put(generation.responseId(), generation);
        generation.ended().whenComplete((ignored, error) -> {
            inFlight.remove(generation.responseId());
            endedAs.put(generation.responseId(), generation.terminal().map(ChunkEvent::typeName).orElse("unknown"));
            slots.release();
        });
        if (!accepting) {
            generation.abort(FailureCodes.SHUTDOWN, "ingest is shutting down");
            return false;
        }
        return true;
    }

    /** Runs {@code action} once the response has ended; at once when this instance does not run it (any more). */
    public void whenEnded(String responseId, Runnable action) {
        Generation generation = inFlight.get(responseId);
        if (generation == null) {
            action.run();
        } else {
            generation.ended().whenComplete((ignored, error) -> action.run());
        }
    }

    int inFlightCount() {
        return inFlight.size();
    }

    void forEachInFlight(Consumer<Generation> action) {
        inFlight.values().forEach(action);
    }

    /**
     * Cancels the response if this instance runs it, waiting until {@code response.cancelled} is acknowledged.
     */
    public CancelOutcome cancel(String conversationId, String responseId, String reason) {
        Generation generation = inFlight.get(responseId);
        if (generation == null || !generation.conversationId().equals(conversationId)) {
            String ended = generation == null ? endedAs.get(responseId) : null;
            if (ended == null) {
                return CancelOutcome.of(CancelOutcome.Status.UNKNOWN);
            }
            return ended.equals("response.cancelled") ? CancelOutcome.of(CancelOutcome.Status.ALREADY_CANCELLED)
                    : new CancelOutcome(CancelOutcome.Status.ENDED, null, ended);
        }
        switch (generation.cancel(reason)) {
            case ALREADY_CANCELLED:
                return CancelOutcome.of(CancelOutcome.Status.ALREADY_CANCELLED);
            case ALREADY_ENDED:
                return new CancelOutcome(CancelOutcome.Status.ENDED, null,
                        generation.terminal().map(ChunkEvent::typeName).orElse("unknown"));
            default:
                try {
                    return new CancelOutcome(CancelOutcome.Status.CANCELLED,
                            generation.terminalPosition().get(cancelWaitMillis, TimeUnit.MILLISECONDS), null);
                } catch (Exception e) {
                    // The upstream is stopped either way; only the position is unknown.
                    LOG.warnf("response.cancelled of %s not acknowledged in time: %s", responseId, e);
                    return CancelOutcome.of(CancelOutcome.Status.CANCELLED);
                }
        }
    }

    /** A relay reports clients watching these responses; unknown ones are another instance's business. */
    public void presence(List<String> responseIds) {
        for (String responseId : responseIds) {
            Optional.ofNullable(inFlight.get(responseId)).ifPresent(Generation::presenceSeen);
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shutDown();
    }

    /** Refuses new generations and ends the running ones, waiting up to the grace period for their events. */
    void shutDown() {
        accepting = false;
        List<Generation> running = List.copyOf(inFlight.values());
        if (running.isEmpty()) {
            return;
        }
        LOG.infof("ending %d in-flight generations with response.failed (shutdown)", running.size());
        running.forEach(g -> g.abort(FailureCodes.SHUTDOWN, "ingest is shutting down"));
        try {
            CompletableFuture.allOf(running.stream().map(Generation::ended).toArray(CompletableFuture[]::new))
                    .get(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("not every in-flight generation got its terminal event within %s: %s", shutdownGrace, e);
        }
    }
}
