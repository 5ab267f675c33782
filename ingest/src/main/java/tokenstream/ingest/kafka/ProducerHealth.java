package tokenstream.ingest.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

import java.util.Optional;

/**
 * What the chunk producer's own sends say about it. A closed producer never writes again; a fatal error (fenced,
 * not authorized, a broker too old) fails every following write until one is acknowledged again; a timeout says
 * the cluster did not answer in time. Readiness and the fast refusal of new work read this; the sends report to it.
 */
public final class ProducerHealth {
    private volatile boolean closed;
    private volatile String fatal;
    private volatile long lastTimeoutMillis;

    void closed() {
        closed = true;
    }

    void acknowledged() {
        if (fatal != null) {
            fatal = null;
        }
    }

    void failed(Throwable error) {
        if (isFatal(error)) {
            fatal = error.getClass().getSimpleName() + ": " + error.getMessage();
        } else if (causedBy(error, TimeoutException.class)) {
            lastTimeoutMillis = System.currentTimeMillis();
        }
    }

    /** Why the producer cannot write at all, if it cannot: closed, or its last error was fatal. */
    public Optional<String> brokenReason() {
        if (closed) {
            return Optional.of("the chunks producer is closed");
        }
        String reason = fatal;
        return reason == null ? Optional.empty() : Optional.of("the chunks producer failed fatally: " + reason);
    }

    /** Wall-clock time of the last write that timed out (0 if none). */
    public long lastTimeoutMillis() {
        return lastTimeoutMillis;
    }

    private static boolean isFatal(Throwable error) {
        // A send after close() throws IllegalStateException; the rest put an idempotent producer in its fatal state.
        return causedBy(error, ProducerFencedException.class)
                || causedBy(error, AuthenticationException.class) || causedBy(error, AuthorizationException.class)
                || causedBy(error, UnsupportedVersionException.class) || causedBy(error, IllegalStateException.class);
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
