package tokenstream.ingest.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ControlMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.untilEnd;

/** {@code options.cancel_when_unwatched_for}, with the test playing the relay that reports presence. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PresencePolicyTest {

    private static String body(String grace) {
        return "{\"prompt\":\"watched?\",\"options\":{\"max_tokens\":4000,\"tokens_per_second\":50"
                + (grace == null ? "" : ",\"cancel_when_unwatched_for\":\"" + grace + "\"") + "}}";
    }

    @Test
    void aResponseNobodyWatchesIsCancelledAsUnwatchedAfterItsGracePeriod() {
        String conversation = newConversation("unwatched");
        String responseId = start(conversation, body("1s"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(events));
        assertEquals("unwatched", cancelled.reason());
        Duration lived = Duration.between(events.get(0).timestamp(), cancelled.timestamp());
        assertTrue(lived.compareTo(Duration.ofSeconds(1)) >= 0 && lived.compareTo(Duration.ofSeconds(4)) < 0, "lived " + lived);
    }

    @Test
    void presenceWithinTheGracePeriodKeepsItAliveAndItsEndStartsTheCountdown() throws Exception {
        String conversation = newConversation("watched");
        String responseId = start(conversation, body("1s"));

        Instant watchedUntil = Instant.now().plusMillis(2500);
        while (Instant.now().isBefore(watchedUntil)) {
            ControlTopic.send(new ControlMessage.Presence(conversation, List.of(responseId), "relay-test", Instant.now()));
            Thread.sleep(300); // the pace of a relay's presence reports: the behaviour under test, not a wait
        }
        assertFalse(ChunksTopic.terminalOf(responseId).test(ChunksTopic.conversation(conversation)),
                "still running after 2.5 s of presence with a 1 s grace period");

        List<ChunkEvent> events = untilEnd(conversation, responseId);
        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(events));
        assertEquals("unwatched", cancelled.reason());
        assertTrue(cancelled.timestamp().isAfter(watchedUntil.plusMillis(500)), "cancelled at " + cancelled.timestamp());
    }

    @Test
    void aMalformedGracePeriodIsRefusedWith400() {
        var answer = tokenstream.ingest.Generations.post(newConversation("unwatched-400"), body("soon"));

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_option", answer.path("error.code"));
    }
}
