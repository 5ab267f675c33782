package tokenstream.ingest.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.ingest.push.PushedResponse.delta;
import static tokenstream.ingest.push.PushedResponse.started;

/**
 * A write Kafka did not acknowledge but did append (a broker lost right after the append): the gateway's retry of the
 * line must not write it twice.
 */
@QuarkusTest
@TestProfile(UncertainWriteTest.Lying.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UncertainWriteTest {
    public static class Lying implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(LyingChunkWriter.class);
        }
    }

    @Inject
    LyingChunkWriter writer;

    private final PushedResponse pushed = new PushedResponse("uncertain");
    private final String conversation = pushed.conversation;
    private final String response = pushed.response;

    @Test
    void aRetriedLineThatWasWrittenAfterAllIsADuplicate() {
        writer.timeOutAfterWriting(response, 2);
        var failed = pushed.push(started(), delta(1, "a"), delta(2, "b"));
        assertEquals(503, failed.statusCode(), failed.asString());
        assertEquals(1, (int) failed.path("error.last_seq"));

        var retried = pushed.push(delta(2, "b"), delta(3, "c"));

        assertEquals(200, retried.statusCode(), retried.asString());
        assertEquals(1, (int) retried.path("accepted"));
        assertEquals(1, (int) retried.path("duplicates"));
        assertEquals(3, (int) retried.path("last_seq"));
        assertEquals(List.of(0L, 1L, 2L, 3L), pushed.seqsOnTopic());
    }

    @Test
    void aRetriedFirstLineThatWasWrittenAfterAllIsADuplicate() {
        // No acknowledged write of the response yet: the log is searched from the time of the write. The line after
        // the "timed out" one was written too, so both are repeats.
        writer.timeOutAfterWriting(response, 0);
        var failed = pushed.push(started(), delta(1, "a"));
        assertEquals(503, failed.statusCode(), failed.asString());

        var retried = pushed.push(started(), delta(1, "a"), delta(2, "b"));

        assertEquals(200, retried.statusCode(), retried.asString());
        assertEquals(2, (int) retried.path("duplicates"));
        assertEquals(1, (int) retried.path("accepted"));
        assertEquals(List.of(0L, 1L, 2L), pushed.seqsOnTopic());
    }
}
