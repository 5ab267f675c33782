package tokenstream.consumers.health;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
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
