package tokenstream.ingest.control;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.atLeast;
import static tokenstream.ingest.Generations.cancel;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.untilEnd;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CancelTest {
    private static final String LONG_GENERATION =
            "{\"prompt\":\"a very long story\",\"options\":{\"max_tokens\":4000,\"tokens_per_second\":100}}";

    @Test
    void cancelStopsARunningGenerationAndItsResponseCancelledIsTheLastEvent() throws Exception {
        String conversation = newConversation("cancel");
        String responseId = start(conversation, LONG_GENERATION);
        atLeast(conversation, responseId, 4);

        var answer = cancel(conversation, responseId, "{\"reason\":\"user navigated away\"}");

        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("cancelled", answer.path("status"));
        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class,
                ChunksTopic.at(EventId.decode(answer.path("position"))).event());
        assertEquals("user navigated away", cancelled.reason());
        assertEquals(responseId, cancelled.responseId());
        Thread.sleep(300); // at 100 tokens/s a still-running generation would add ~30 events
        List<ChunkEvent> events = untilEnd(conversation, responseId);
        assertEquals(cancelled, last(events));
        assertEquals(LongStream.range(0, events.size()).boxed().toList(), events.stream().map(ChunkEvent::seq).toList());
    }

    @Test
    void cancellingTwiceAnswersAlreadyCancelled() {
        String conversation = newConversation("cancel-twice");
        String responseId = start(conversation, LONG_GENERATION);
        assertEquals(200, cancel(conversation, responseId, null).statusCode());

        var again = cancel(conversation, responseId, null);

        assertEquals(200, again.statusCode());
        assertEquals("already_cancelled", again.path("status"));
        assertEquals(1, untilEnd(conversation, responseId).stream().filter(ChunkEvent::isTerminal).count());
    }

    @Test
    void cancellingAfterTheEndAnswers409ResponseEnded() {
        String conversation = newConversation("cancel-late");
        String responseId = start(conversation, "{\"prompt\":\"short\",\"options\":{\"max_tokens\":2,\"tokens_per_second\":500}}");
        untilEnd(conversation, responseId);

        var answer = cancel(conversation, responseId, null);

        assertEquals(409, answer.statusCode(), answer.asString());
        assertEquals("response_ended", answer.path("error.code"));
        assertEquals("response.completed", answer.path("error.ended_with"));
    }

    @Test
    void aCancelForAResponseThisInstanceDoesNotRunGoesOutOnTheControlTopic() {
        String conversation = newConversation("cancel-elsewhere");
        String responseId = "resp-elsewhere-" + UUID.randomUUID();

        var answer = cancel(conversation, responseId, "{\"reason\":\"stop\"}");

        assertEquals(202, answer.statusCode(), answer.asString());
        assertEquals("cancel_requested", answer.path("status"));
        var records = ControlTopic.readUntil(Topics.CONTROL, r -> conversation.equals(r.key()));
        var message = assertInstanceOf(ControlMessage.Cancel.class, ControlMessageCodec.read(last(records).value()));
        assertEquals(responseId, message.responseId());
        assertEquals("stop", message.reason());
    }

    @Test
    void aCancelArrivingOnTheControlTopicStopsTheGenerationThisInstanceRuns() {
        String conversation = newConversation("cancel-topic");
        String responseId = start(conversation, LONG_GENERATION);
        atLeast(conversation, responseId, 3);

        ControlTopic.send(new ControlMessage.Cancel(conversation, responseId, "from another instance", Instant.now()));

        var cancelled = assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(untilEnd(conversation, responseId)));
        assertEquals("from another instance", cancelled.reason());
    }

    @Test
    void anUnreadableControlRecordIsDeadLetteredAndLaterCancelsStillWork() {
        String conversation = newConversation("cancel-poison");
        String responseId = start(conversation, LONG_GENERATION);
        byte[] poison = ("{\"type\":\"cancel\",\"conversation_id\":\"" + conversation + "\"}").getBytes(StandardCharsets.UTF_8);

        ControlTopic.send(Topics.CONTROL, conversation, poison);
        ControlTopic.send(new ControlMessage.Cancel(conversation, responseId, "after poison", Instant.now()));

        assertInstanceOf(ChunkEvent.ResponseCancelled.class, last(untilEnd(conversation, responseId)));
        var dead = ControlTopic.readUntil(Topics.DEAD_LETTER, r -> conversation.equals(r.key()));
        Header reason = last(dead).headers().lastHeader(EventHeaders.DEAD_LETTER_REASON);
        assertTrue(new String(reason.value(), StandardCharsets.UTF_8).contains("response_id"));
    }

    @Test
    void aCancelBodyThatIsNotJsonIs400() {
        var answer = cancel(newConversation("cancel-400"), "resp-x", "{nope");

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_json", answer.path("error.code"));
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
