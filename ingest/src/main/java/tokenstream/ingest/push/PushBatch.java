package tokenstream.ingest.push;

import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.TraceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The events one push writes for one response. Progress advances as events are sent (so the next line
 * is judged against it) and is rolled back to the last acknowledged event if a write fails, so that
 * the gateway's retry of the lost events is not mistaken for duplicates. A failure that may have written the
 * record all the same also leaves {@link ResponseProgress#uncertain} set: the log decides before the next push.
 */
final class PushBatch {
    private record Pending(ChunkEvent event, CompletableFuture<EventId> ack, long previousSeq, boolean previouslyEnded,
                           long previousBytes, String previouslyEndedByIngest, long sentMillis) {
    }

    private final ResponseProgress progress;
    private final ChunkWriter writer;
    private final List<Pending> pending = new ArrayList<>();
    private final TraceContext trace;
    private long duplicates;

    PushBatch(ResponseProgress progress, ChunkWriter writer) {
        this(progress, writer, null);
    }

    /** A batch whose records carry {@code trace}, the push request's (null: untraced). */
    PushBatch(ResponseProgress progress, ChunkWriter writer, TraceContext trace) {
        this.progress = progress;
        this.writer = writer;
        this.trace = trace;
    }

    void write(ChunkEvent event) {
        long sentMillis = System.currentTimeMillis();
        pending.add(new Pending(event, writer.write(event, trace), progress.lastSeq, progress.ended, progress.bytes,
                progress.endedByIngest, sentMillis));
        progress.conversationId = event.conversationId();
        progress.lastSeq = event.seq();
        progress.ended = event.isTerminal();
        progress.bytes += ResponseSize.of(event);
    }

    /** Ends the (known, open) response with {@code response.failed} on the producer's behalf. */
    void fail(String code, String message) {
        write(new ChunkEvent.ResponseFailed(progress.conversationId, progress.responseId, progress.lastSeq + 1,
                Instant.now(), code, message));
        progress.endedByIngest = code;
    }

    String responseId() {
        return progress.responseId;
    }

    void duplicate() {
        duplicates++;
    }

    long duplicates() {
        return duplicates;
    }

    int size() {
        return pending.size();
    }

    /**
     * Waits for every write's acknowledgement, in order.
     *
     * @return how many were acknowledged; fewer than written means the rest failed and progress was rolled back
     */
    int awaitAcks(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < pending.size(); i++) {
            Pending write = pending.get(i);
            try {
                progress.lastPosition = write.ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                failAt(i, UncertainWrites.mayHaveBeenWritten(e));
                return i;
            } catch (TimeoutException e) {
                failAt(i, true);
                return i;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAt(i, true);
                return i;
            }
        }
        return pending.size();
    }

    private void failAt(int first, boolean firstMayBeWritten) {
        boolean uncertain = firstMayBeWritten;
        for (int j = first + 1; j < pending.size() && !uncertain; j++) {
            // A later write that did not fail for certain may be in the log even though an earlier one is not.
            CompletableFuture<EventId> ack = pending.get(j).ack;
            uncertain = !ack.isCompletedExceptionally()
                    || UncertainWrites.mayHaveBeenWritten(ack.handle((ok, error) -> error).join());
        }
        if (uncertain) {
            UncertainWrites writes = new UncertainWrites(progress.lastPosition, pending.get(first).sentMillis);
            for (int j = first; j < pending.size(); j++) {
                UncertainWrites.After after = j + 1 < pending.size()
                        ? new UncertainWrites.After(pending.get(j + 1).previousSeq, pending.get(j + 1).previouslyEnded,
                        pending.get(j + 1).previousBytes, pending.get(j + 1).previouslyEndedByIngest)
                        : new UncertainWrites.After(progress.lastSeq, progress.ended, progress.bytes, progress.endedByIngest);
                writes.add(after, pending.get(j).ack);
            }
            progress.uncertain = writes;
        }
        rollBackTo(pending.get(first));
    }

    private void rollBackTo(Pending firstFailed) {
        progress.lastSeq = firstFailed.previousSeq;
        progress.ended = firstFailed.previouslyEnded;
        progress.bytes = firstFailed.previousBytes;
        progress.endedByIngest = firstFailed.previouslyEndedByIngest;
    }
}
