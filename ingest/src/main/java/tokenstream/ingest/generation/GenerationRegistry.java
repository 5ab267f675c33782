package tokenstream.ingest.generation;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The generations in flight, so that shutdown can end each one with {@code response.failed}
 * ({@code code: shutdown}) instead of leaving readers waiting for a terminal event that never comes.
 * Shutdown runs before the producer is closed, so those events are still written.
 */
@ApplicationScoped
public class GenerationRegistry {
    private static final Logger LOG = Logger.getLogger(GenerationRegistry.class);

    private final Set<Generation> inFlight = ConcurrentHashMap.newKeySet();
    private final Duration shutdownGrace;
    private volatile boolean accepting = true;

    public GenerationRegistry(GenerationConfig config) {
        this.shutdownGrace = config.shutdownGrace();
    }

    boolean accepting() {
        return accepting;
    }

    /** @return false if shutdown has begun; the generation has then been ended with {@code shutdown} */
    boolean track(Generation generation) {
        inFlight.add(generation);
        generation.ended().whenComplete((ignored, error) -> inFlight.remove(generation));
        if (!accepting) {
            generation.abort("shutdown", "ingest is shutting down");
            return false;
        }
        return true;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    void onShutdown(@Observes ShutdownEvent event) {
        shutDown();
    }

    /** Refuses new generations and ends the running ones, waiting up to the grace period for their events. */
    void shutDown() {
        accepting = false;
        List<Generation> running = List.copyOf(inFlight);
        if (running.isEmpty()) {
            return;
        }
        LOG.infof("ending %d in-flight generations with response.failed (shutdown)", running.size());
        running.forEach(g -> g.abort("shutdown", "ingest is shutting down"));
        try {
            CompletableFuture.allOf(running.stream().map(Generation::ended).toArray(CompletableFuture[]::new))
                    .get(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warnf("not every in-flight generation got its terminal event within %s: %s", shutdownGrace, e);
        }
    }
}
