package tokenstream.ingest.push;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UncertainWritesTest {
    private static UncertainWrites threeWritesAfterSeq5() {
        UncertainWrites writes = new UncertainWrites(new EventId(3, 41), 1_000);
        writes.add(new UncertainWrites.After(6, false, 10, null), CompletableFuture.completedFuture(null));
        writes.add(new UncertainWrites.After(7, false, 20, null), CompletableFuture.completedFuture(null));
        writes.add(new UncertainWrites.After(8, true, 20, null), CompletableFuture.completedFuture(null));
        return writes;
    }

    @Test
    void nothingInTheLogKeepsTheRolledBackProgress() {
        assertEquals(Optional.empty(), threeWritesAfterSeq5().resolve(OptionalLong.empty()));
    }

    @Test
    void progressContinuesFromTheHighestUncertainWriteInTheLog() {
        assertEquals(Optional.of(new UncertainWrites.After(7, false, 20, null)),
                threeWritesAfterSeq5().resolve(OptionalLong.of(7)));
    }

    @Test
    void aTerminalEventInTheLogEndsTheResponse() {
        assertTrue(threeWritesAfterSeq5().resolve(OptionalLong.of(8)).orElseThrow().ended());
    }

    @Test
    void aSeqBelowTheUncertainWritesKeepsTheRolledBackProgress() {
        assertEquals(Optional.empty(), threeWritesAfterSeq5().resolve(OptionalLong.of(5)));
    }

    @Test
    void theLogIsReadFromJustAfterTheLastAcknowledgedWrite() {
        UncertainWrites writes = threeWritesAfterSeq5();
        assertEquals(3, writes.partition);
        assertEquals(42, writes.fromOffset);
    }

    @Test
    void aWriteTheProducerHasNotAnsweredYetIsNotSettled() {
        UncertainWrites writes = new UncertainWrites(null, 1_000);
        writes.add(new UncertainWrites.After(0, false, 0, null), new CompletableFuture<>());
        assertFalse(writes.settled());
        assertEquals(-1, writes.partition);
    }

    @Test
    void timeoutsAndLostLeadersMayHaveWritten() {
        for (Throwable e : Set.of(new TimeoutException("expired"), new NotLeaderOrFollowerException("moved"),
                new ExecutionException(new TimeoutException("expired")), new RuntimeException("unknown"))) {
            assertTrue(UncertainWrites.mayHaveBeenWritten(e), e.toString());
        }
    }

    @Test
    void refusedRecordsWereNotWritten() {
        for (Throwable e : Set.of(new RecordTooLargeException("big"), new TopicAuthorizationException("no"),
                new ExecutionException(new RecordTooLargeException("big")), new IllegalStateException("closed"))) {
            assertFalse(UncertainWrites.mayHaveBeenWritten(e), e.toString());
        }
    }
}
