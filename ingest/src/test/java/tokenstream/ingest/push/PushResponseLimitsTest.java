package tokenstream.ingest.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.FailureCodes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.push.PushedResponse.delta;
import static tokenstream.ingest.push.PushedResponse.started;

/** How large a pushed response may grow and how long it may go without a push, small here to reach them quickly. */
@QuarkusTest
@TestProfile(PushResponseLimitsTest.SmallLimits.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PushResponseLimitsTest {
    static final int MAX_RESPONSE_BYTES = 100;

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.ingest.max-response-bytes", String.valueOf(MAX_RESPONSE_BYTES),
                    "tokenstream.ingest.push-idle-timeout", "1s");
        }
    }

    private final PushedResponse pushed = new PushedResponse("push-limits");
    private final String conversation = pushed.conversation;
    private final String response = pushed.response;

    @Test
    void aLinePastTheMaximumResponseSizeIs413NamingItAfterTheLinesBeforeAreWrittenAndTheResponseEnds() {
        // 60 + 30 bytes fit; six "é" are 6 characters but 12 UTF-8 bytes: 102 bytes is past 100, 96 characters is not.
        var answer = pushed.push(started(), delta(1, "a".repeat(60)), delta(2, "b".repeat(30)), delta(3, "é".repeat(6)));

        assertEquals(413, answer.statusCode(), answer.asString());
        assertEquals("response_too_large", answer.path("error.code"));
        assertEquals(4, (int) answer.path("error.line"));
        assertEquals(3, (int) answer.path("error.accepted"));
        assertEquals(2, (int) answer.path("error.last_seq"));
        assertEquals(MAX_RESPONSE_BYTES, (int) answer.path("error.limit"));
        List<ChunkEvent> events = ChunksTopic.conversationUntil(conversation, ChunksTopic.terminalOf(response)).stream()
                .map(ChunksTopic.ChunkRecord::event).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L), events.stream().map(ChunkEvent::seq).toList());
        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, events.get(3));
        assertEquals(FailureCodes.OUTPUT_TOO_LARGE, failed.code());
    }

    @Test
    void retryingTheRefusedLineAfterTheSizeLimitEndedTheResponseIs409ResponseEnded() {
        pushed.push(started(), delta(1, "a".repeat(MAX_RESPONSE_BYTES + 1)));

        var answer = pushed.push(delta(1, "small"));

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("response_ended", answer.path("error.code"));
        assertEquals(FailureCodes.OUTPUT_TOO_LARGE, answer.path("error.ended_with"));
    }

    @Test
    void aPushedResponseWithNoPushForTheIdleTimeoutEndsWithProducerTimeout() {
        assertEquals(200, pushed.push(started(), delta(1, "and then the gateway vanished")).statusCode());

        List<ChunkEvent> events = ChunksTopic.conversationUntil(conversation, ChunksTopic.terminalOf(response)).stream()
                .map(ChunksTopic.ChunkRecord::event).toList();

        assertEquals(List.of(0L, 1L, 2L), events.stream().map(ChunkEvent::seq).toList());
        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, events.get(2));
        assertEquals(FailureCodes.PRODUCER_TIMEOUT, failed.code());
        Duration idle = Duration.between(events.get(1).timestamp(), failed.timestamp());
        assertTrue(idle.compareTo(Duration.ofMillis(900)) >= 0, "ended after " + idle);
    }

    @Test
    void aGatewayThatKeepsPushingIsNotTimedOut() {
        assertEquals(200, pushed.push(started()).statusCode());
        for (int seq = 1; seq <= 6; seq++) {
            sleepMillis(300); // a gateway pushing every 300 ms, under the idle timeout: the pace under test
            assertEquals(200, pushed.push(delta(seq, "t" + seq)).statusCode(), "push " + seq);
        }

        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L),
                ChunksTopic.conversation(conversation).stream().map(r -> r.event().seq()).toList());
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis); // the gateway's pace (see the caller), not a wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
