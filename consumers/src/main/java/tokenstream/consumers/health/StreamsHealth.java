package tokenstream.consumers.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the health checks know about Kafka Streams besides its state: the last exception that killed a stream
 * thread, and when the state last changed. Handed to Kafka Streams as its uncaught-exception handler and state
 * listener (the Quarkus extension installs both beans before it starts the application).
 */
@ApplicationScoped
public class StreamsHealth {
    private static final Logger LOG = Logger.getLogger(StreamsHealth.class);

    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final AtomicReference<Instant> stateSince = new AtomicReference<>(Instant.now());
    private volatile boolean wasRunning;
    /** Five outages of a minute (the producer's max.block.ms) within ten minutes, then a restart is the better cure. */
    private final StreamThreadFailures threadFailures = new StreamThreadFailures(5, Duration.ofMinutes(10));

    /**
     * Records the exception and decides ({@link StreamThreadFailures}): a transaction Kafka could not complete (a
     * broker outage longer than the producer waits) replaces the thread, which resumes from the last commit; what
     * else reaches here is not a bad record (those go to the dead-letter topic) but the application itself failing,
     * for example a state directory it cannot write, and shuts the client down: liveness then goes DOWN so that the
     * orchestrator restarts the service.
     */
    @Produces
    @Singleton
    StreamsUncaughtExceptionHandler uncaughtExceptionHandler() {
        return exception -> {
            lastError.set(describe(exception));
            StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse response =
                    threadFailures.respond(exception, System.nanoTime());
            if (response == StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD) {
                LOG.warnf(exception, "Kafka did not complete a transaction; the stream thread is replaced and goes on "
                        + "from the last commit: %s", lastError.get());
            } else {
                LOG.errorf(exception, "Kafka Streams stops: %s", lastError.get());
            }
            return response;
        };
    }

    @Produces
    @Singleton
    KafkaStreams.StateListener stateListener() {
        return (newState, oldState) -> {
            stateSince.set(Instant.now());
            if (newState == KafkaStreams.State.RUNNING) {
                wasRunning = true;
            }
            LOG.infof("Kafka Streams %s -> %s", oldState, newState);
        };
    }

    /** The last exception that stopped a stream thread, with its root cause; null if none. */
    public String lastError() {
        return lastError.get();
    }

    /**
     * Whether Kafka Streams has been RUNNING since this process started: before that, a rebalance is the first
     * assignment and restoration, when no store can answer yet.
     */
    public boolean wasRunning() {
        return wasRunning;
    }

    public Instant stateSince() {
        return stateSince.get();
    }

    static String describe(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = exception.getClass().getSimpleName() + ": " + exception.getMessage();
        if (root != exception) {
            text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }
}
