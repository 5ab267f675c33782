package tokenstream.ingest.push;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.InvalidRecordException;
import tokenstream.protocol.EventId;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Writes of one response whose outcome is unknown: Kafka did not acknowledge them, but they may be in the log all the
 * same (a delivery timeout says only that no answer came in time). Until the log has been read, the response's progress
 * is not known: rolling it back would write a retried line twice, keeping it could lose the line.
 *
 * <p>Holds what the log must be searched for and, for each uncertain write, the progress the response has if that
 * write (and everything before it) is in the log; {@link #resolve} picks the one the log shows.
 */
final class UncertainWrites {
    /** The response's progress right after one write. */
    record After(long lastSeq, boolean ended, long bytes, String endedByIngest) {
    }

    /** The chunks partition of the response, -1 if no write of it was acknowledged yet. */
    final int partition;
    /** The offset after the last acknowledged write of the response, -1 if none. */
    final long fromOffset;
    /** Wall-clock time just before the first uncertain write was sent: its record's timestamp is not earlier. */
    final long firstSentMillis;
    private final List<After> afters = new ArrayList<>();
    private final List<CompletableFuture<?>> acks = new ArrayList<>();

    UncertainWrites(EventId lastAcknowledged, long firstSentMillis) {
        this.partition = lastAcknowledged == null ? -1 : lastAcknowledged.partition();
        this.fromOffset = lastAcknowledged == null ? -1 : lastAcknowledged.offset() + 1;
        this.firstSentMillis = firstSentMillis;
    }

    void add(After after, CompletableFuture<?> ack) {
        afters.add(after);
        acks.add(ack);
    }

    /** Whether the producer has answered every uncertain write: before that, a record may still land after the read. */
    boolean settled() {
        return acks.stream().allMatch(CompletableFuture::isDone);
    }

    /**
     * The progress to continue from, given the highest seq of the response found in the log after the last
     * acknowledged write; empty if none of the uncertain writes is there (the rolled-back progress stands).
     */
    Optional<After> resolve(OptionalLong highestSeqInLog) {
        After found = null;
        if (highestSeqInLog.isPresent()) {
            for (After after : afters) {
                if (after.lastSeq() <= highestSeqInLog.getAsLong()) {
                    found = after;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Whether a failed write may nevertheless be in the log. Only errors that say the broker refused the record, or
     * that it never left this process, are definite; a timeout, a lost connection or an unknown error is not.
     */
    static boolean mayHaveBeenWritten(Throwable failure) {
        Throwable cause = (failure instanceof ExecutionException || failure instanceof CompletionException)
                && failure.getCause() != null ? failure.getCause() : failure;
        return !(cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof InvalidRecordException
                || cause instanceof SerializationException
                || cause instanceof InvalidTopicException
                || cause instanceof AuthorizationException
                || cause instanceof AuthenticationException
                // send() after close(): nothing was sent
                || cause instanceof IllegalStateException);
    }
}
