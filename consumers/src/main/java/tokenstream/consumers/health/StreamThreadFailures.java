package tokenstream.consumers.health;

import org.apache.kafka.common.errors.ApplicationRecoverableException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What to do when an exception kills a stream thread. A transaction that Kafka could not complete (the broker away
 * longer than the producer waits, a fenced or aborted transaction, or a coordinator that came back from a crash with
 * the transaction in another state than the producer left it) is Kafka failing, not the application: the thread is
 * replaced, and under exactly-once the new one resumes from the last commit, losing and repeating nothing.
 * Anything else, or more replacements than {@code maxReplacements} within {@code window} (Kafka is not coming
 * back), shuts the client down so that liveness reports it and the orchestrator restarts the service.
 */
final class StreamThreadFailures {
    private final int maxReplacements;
    private final long windowNanos;
    private final Deque<Long> replacements = new ArrayDeque<>();

    StreamThreadFailures(int maxReplacements, Duration window) {
        this.maxReplacements = maxReplacements;
        this.windowNanos = window.toNanos();
    }

    /** The response to {@code exception}, seen at {@code nowNanos} ({@link System#nanoTime()}). */
    synchronized StreamThreadExceptionResponse respond(Throwable exception, long nowNanos) {
        if (!kafkaFailed(exception)) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        while (!replacements.isEmpty() && nowNanos - replacements.peekFirst() > windowNanos) {
            replacements.pollFirst();
        }
        if (replacements.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(nowNanos);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /**
     * Whether a cause is Kafka not completing a request or a transaction, rather than the application failing. Each
     * of these leaves the thread's producer unusable but is cured by the new producer a replaced thread starts with:
     * its {@code initTransactions} bumps the epoch and aborts whatever the old one left open. Fenced producers, stale
     * epochs and lost producer ids are {@link ApplicationRecoverableException}s; a broker killed between a commit
     * request and its answer can also answer {@link InvalidTxnStateException} or an out-of-order sequence.
     */
    static boolean kafkaFailed(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException || cause instanceof TransactionAbortableException
                    || cause instanceof ApplicationRecoverableException || cause instanceof InvalidTxnStateException
                    || cause instanceof OutOfOrderSequenceException) {
                return true;
            }
        }
        return false;
    }
}
