package tokenstream.ingest.faults;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.ofType;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.untilEnd;

/** Each upstream fault ends the response with its own stable code (the test profile's stall timeout is 2 s). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class UpstreamFaultsTest {

    private static String body(String simulate) {
        return "{\"prompt\":\"faults\",\"options\":{\"max_tokens\":50,\"tokens_per_second\":200,\"simulate\":" + simulate + "}}";
    }

    @Test
    void anUpstreamErrorMidStreamEndsWithUpstreamErrorAfterTheTokensBeforeIt() {
        String conversation = newConversation("fault-error");
        String responseId = start(conversation, body("{\"error_after_tokens\":4}"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("upstream_error", failed.code());
        assertEquals(4, ofType(events, ChunkEvent.TextDelta.class).size());
    }

    @Test
    void anUpstreamThatGoesSilentEndsWithUpstreamStalledAfterTheStallTimeout() {
        String conversation = newConversation("fault-stall");
        String responseId = start(conversation, body("{\"stall_after_tokens\":3}"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("upstream_stalled", failed.code());
        List<ChunkEvent.TextDelta> deltas = ofType(events, ChunkEvent.TextDelta.class);
        assertEquals(3, deltas.size());
        Duration silence = Duration.between(deltas.get(2).timestamp(), failed.timestamp());
        assertTrue(silence.compareTo(Duration.ofSeconds(2)) >= 0 && silence.compareTo(Duration.ofSeconds(6)) < 0,
                "failed after " + silence);
    }

    @Test
    void anInvalidFaultOptionIsRefusedWith400() {
        var answer = tokenstream.ingest.Generations.post(newConversation("fault-400"), body("{\"error_after_tokens\":-1}"));

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_option", answer.path("error.code"));
    }
}
