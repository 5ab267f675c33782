package tokenstream.consumers.health;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which failures of a stream thread replace it and which stop the client. */
class StreamThreadFailuresTest {
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    /** What a broker outage longer than max.block.ms throws out of a commit under exactly-once. */
    private static Throwable brokerOutage() {
        return new StreamsException("Error encountered trying to send record to topic x-changelog",
                new KafkaException("Cannot execute transactional method because we are in an error state",
                        new TransactionAbortableException("Transaction Request was aborted after exhausting retries.",
                                new TimeoutException("Topic x-changelog not present in metadata after 60000 ms."))));
    }

    @Test
    void aTransactionKafkaCouldNotCompleteReplacesTheThread() {
        assertEquals(REPLACE_THREAD, new StreamThreadFailures(5, Duration.ofMinutes(10)).respond(brokerOutage(), 0));
    }

    /** What the commit after the only broker was killed and restarted threw in CI (stop 22). */
    @Test
    void aCommitTheRestartedCoordinatorFindsInAnotherStateReplacesTheThread() {
        Throwable commit = new StreamsException("Error encountered trying to commit a transaction",
                new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state."));
        assertEquals(REPLACE_THREAD, new StreamThreadFailures(5, Duration.ofMinutes(10)).respond(commit, 0));
    }

    @Test
    void aFencedProducerReplacesTheThread() {
        Throwable fenced = new StreamsException("commit", new ProducerFencedException("a newer epoch"));
        assertEquals(REPLACE_THREAD, new StreamThreadFailures(5, Duration.ofMinutes(10)).respond(fenced, 0));
    }

    @Test
    void aProducerIdTheBrokerNoLongerKnowsReplacesTheThread() {
        StreamThreadFailures failures = new StreamThreadFailures(5, Duration.ofMinutes(10));
        assertEquals(REPLACE_THREAD, failures.respond(new StreamsException("send",
                new InvalidPidMappingException("the transactional id expired")), 0));
        assertEquals(REPLACE_THREAD, failures.respond(new StreamsException("send",
                new UnknownProducerIdException("the producer's state was lost")), 0));
    }

    @Test
    void aRefusedAuthorisationStopsTheClient() {
        Throwable refused = new StreamsException("send", new TopicAuthorizationException("not authorised"));
        assertEquals(SHUTDOWN_CLIENT, new StreamThreadFailures(5, Duration.ofMinutes(10)).respond(refused, 0));
    }

    @Test
    void anApplicationFailureStopsTheClient() {
        Throwable stateDir = new StreamsException("state directory cannot be written",
                new java.io.IOException("No space left on device"));
        assertEquals(SHUTDOWN_CLIENT, new StreamThreadFailures(5, Duration.ofMinutes(10)).respond(stateDir, 0));
    }

    @Test
    void moreReplacementsThanAllowedWithinTheWindowStopTheClient() {
        StreamThreadFailures failures = new StreamThreadFailures(2, Duration.ofMinutes(10));
        assertEquals(REPLACE_THREAD, failures.respond(brokerOutage(), 0));
        assertEquals(REPLACE_THREAD, failures.respond(brokerOutage(), MINUTE));
        assertEquals(SHUTDOWN_CLIENT, failures.respond(brokerOutage(), 2 * MINUTE));
    }

    @Test
    void replacementsOlderThanTheWindowNoLongerCount() {
        StreamThreadFailures failures = new StreamThreadFailures(2, Duration.ofMinutes(10));
        failures.respond(brokerOutage(), 0);
        failures.respond(brokerOutage(), MINUTE);
        assertEquals(REPLACE_THREAD, failures.respond(brokerOutage(), 12 * MINUTE));
    }
}
