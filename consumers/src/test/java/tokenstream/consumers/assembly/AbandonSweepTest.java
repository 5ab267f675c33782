package tokenstream.consumers.assembly;

import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.ResponseEvents;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which terminal events are the sweep's own, so that one read back late is not counted as a duplicate. */
class AbandonSweepTest {
    private final ResponseEvents r = ResponseEvents.fresh();

    private AssemblyState startedBy(String source) {
        return ResponseAssembler.apply(null, r.started(0, "m").withSource(source), 0, 0,
                new ResponseAssembler.Limits(8, 1_000)).state();
    }

    @Test
    void theSweepsIngestLostIsItsOwn() {
        assertTrue(AbandonSweep.wrote(AbandonSweep.terminalEvent(startedBy("generation"), 180_000, Instant.now())));
    }

    @Test
    void theSweepsProducerTimeoutIsItsOwn() {
        assertTrue(AbandonSweep.wrote(AbandonSweep.terminalEvent(startedBy("push"), 180_000, Instant.now())));
    }

    @Test
    void ingestsOwnProducerTimeoutIsNot() {
        assertFalse(AbandonSweep.wrote(new ChunkEvent.ResponseFailed(r.conversationId, r.responseId, 3, Instant.now(),
                FailureCodes.PRODUCER_TIMEOUT, "no event was pushed for this response for 30000 ms "
                + "(tokenstream.ingest.push-idle-timeout): its producer is gone")));
    }

    @Test
    void anotherFailureIsNot() {
        assertFalse(AbandonSweep.wrote(new ChunkEvent.ResponseFailed(r.conversationId, r.responseId, 3, Instant.now(),
                "upstream_timeout", "no event for 30 s from the model")));
    }
}
