package tokenstream.ingest.push;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.ChunksTopic;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A push may carry only the event types of the closed vocabulary (tokenstream.protocol.EventTypes). */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PushEventTypeTest {
    private static final String STARTED = "{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\"}";
    private final PushedResponse pushed = new PushedResponse("types");
    private final String conversation = pushed.conversation;
    private final String response = pushed.response;

    @Test
    void aRelayEventTypeIs400InvalidEventTypeNamingTheLineAfterWritingTheLinesBefore() {
        var answer = pushed.push(STARTED,
                "{\"type\":\"stream.reconnect\",\"seq\":1,\"code\":\"slow_client\",\"last_event_id\":\"0.0.0.0000\"}",
                "{\"type\":\"response.completed\",\"seq\":2}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("invalid_event_type", answer.path("error.code"));
        assertEquals(2, (int) answer.path("error.line"));
        assertEquals(1, (int) answer.path("error.accepted"));
        assertEquals(0, (int) answer.path("error.last_seq"));
        assertEquals(List.of(0L), pushed.seqsOnTopic());
    }

    @Test
    void aTypeWithLineBreaksIs400AndTheMessageQuotesItEscaped() {
        var answer = pushed.push(STARTED, "{\"type\":\"t\\n\\nretry: 86400000\\nevent: x\",\"seq\":1}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("invalid_event_type", answer.path("error.code"));
        assertEquals(2, (int) answer.path("error.line"));
        String message = answer.path("error.message");
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("\\u000a"), message);
        assertEquals(List.of(0L), pushed.seqsOnTopic());
    }

    @Test
    void anUnknownTypeOutsideTheExtensionNamespaceIs400() {
        var answer = pushed.push(STARTED, "{\"type\":\"citation\",\"seq\":1}");

        assertEquals(400, answer.statusCode(), answer.asString());
        assertEquals("invalid_event_type", answer.path("error.code"));
        assertEquals(2, (int) answer.path("error.line"));
    }

    @Test
    void anExtensionTypeIsWrittenAsItIs() {
        var answer = pushed.push(STARTED, "{\"type\":\"x.acme.citation\",\"seq\":1,\"url\":\"https://example.com\"}",
                "{\"type\":\"response.completed\",\"seq\":2}");

        assertEquals(200, answer.statusCode(), answer.asString());
        var records = ChunksTopic.conversation(conversation);
        assertEquals(List.of(0L, 1L, 2L), pushed.seqsOnTopic());
        var extension = assertInstanceOf(ChunkEvent.Unknown.class, records.get(1).event());
        assertEquals("x.acme.citation", extension.type());
        assertEquals("x.acme.citation", records.get(1).headers().get("event-type"));
    }
}
