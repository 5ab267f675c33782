package tokenstream.ingest.generation;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One periodic sweep over the in-flight generations that ends those that ran past the maximum generation
 * duration, those whose upstream stalled and those with an unwatched-cancel policy that nobody watched for
 * their grace period. A single sweep instead of a timer
 * per generation keeps the cost independent of the token rate.
 */
@Startup
@ApplicationScoped
public class GenerationWatchdog {
    private static final Logger LOG = Logger.getLogger(GenerationWatchdog.class);
    /** Sweeps at least this often, so a grace period of a few seconds is honoured within a fraction of it. */
    private static final long MAX_PERIOD_MILLIS = 250;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "generation-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public GenerationWatchdog(GenerationRegistry registry, GenerationConfig config) {
        Duration stall = config.stallTimeout();
        Duration maxDuration = config.maxGenerationDuration();
        long period = Math.max(20, Math.min(MAX_PERIOD_MILLIS, Math.min(stall.toMillis(), maxDuration.toMillis()) / 10));
        timer.scheduleWithFixedDelay(() -> {
            try {
                long now = System.nanoTime();
                registry.forEachInFlight(g -> g.checkLiveness(now, stall, maxDuration));
            } catch (RuntimeException e) {
                LOG.error("watchdog sweep failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
