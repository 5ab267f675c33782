package tokenstream.ingest.output;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.simulator.SimulatedJson;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ProtocolJson;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.ingest.Generations.last;
import static tokenstream.ingest.Generations.newConversation;
import static tokenstream.ingest.Generations.start;
import static tokenstream.ingest.Generations.text;
import static tokenstream.ingest.Generations.untilEnd;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class JsonModeGenerationTest {
    private static final String PROMPT = "Summarise the harbour report";

    private static String body(String responseFormat, String simulate) {
        return "{\"prompt\":\"" + PROMPT + "\",\"options\":{\"seed\":7,\"max_tokens\":12,\"tokens_per_second\":400,"
                + "\"response_format\":" + responseFormat + (simulate == null ? "" : ",\"simulate\":" + simulate) + "}}";
    }

    @Test
    void aValidJsonDocumentStreamsAsTextDeltasAndCompletes() throws Exception {
        String conversation = newConversation("json-ok");
        String responseId = start(conversation, body("{\"type\":\"json_object\"}", null));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertInstanceOf(ChunkEvent.ResponseCompleted.class, last(events));
        assertEquals(SimulatedJson.document(PROMPT, 7, 12), ProtocolJson.mapper().readTree(text(events)));
        assertTrue(events.size() > 10, "the document streams in many deltas");
    }

    @Test
    void aStreamThatTurnsInvalidAtTokenNFailsAtTokenNNamingTheByteOffset() {
        String conversation = newConversation("json-bad");
        String responseId = start(conversation, body("{\"type\":\"json_object\"}", "{\"invalid_json_at_token\":6}"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("invalid_json", failed.code());
        // started + the 5 valid tokens, then the failure in place of token 6: nothing after it
        assertEquals(7, events.size(), events.toString());
        String validPrefix = SimulatedJson.tokens(SimulatedJson.document(PROMPT, 7, 12).toString()).subList(0, 5)
                .stream().reduce("", String::concat);
        assertEquals(validPrefix, text(events));
        assertTrue(failed.message().contains("at byte " + validPrefix.getBytes(StandardCharsets.UTF_8).length + ":"),
                failed.message());
        assertTrue(failed.message().contains("\\u0007"), "the excerpt shows the invalid byte: " + failed.message());
    }

    @Test
    void aSchemaViolationFailsAsSoonAsTheOffendingValueIsComplete() {
        String conversation = newConversation("json-schema-bad");
        String schema = "{\"type\":\"object\",\"properties\":{\"word_count\":{\"type\":\"integer\",\"maximum\":3}}}";
        String responseId = start(conversation, body("{\"type\":\"json_schema\",\"schema\":" + schema + "}",
                "{\"ignore_schema\":true}"));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        var failed = assertInstanceOf(ChunkEvent.ResponseFailed.class, last(events));
        assertEquals("invalid_json", failed.code());
        assertTrue(failed.message().contains("$.word_count is 12, above the maximum 3"), failed.message());
        assertTrue(text(events).contains("\"word_count"), text(events));
        assertFalse(text(events).contains("\"final\""), "failed before the rest of the document: " + text(events));
    }

    @Test
    void aDocumentMeetingItsSchemaCompletes() throws Exception {
        String conversation = newConversation("json-schema-ok");
        String schema = "{\"type\":\"object\",\"required\":[\"city\",\"days\"],\"additionalProperties\":false,"
                + "\"properties\":{\"city\":{\"type\":\"string\",\"minLength\":3},\"days\":{\"type\":\"integer\",\"minimum\":1},"
                + "\"mode\":{\"enum\":[\"walk\",\"bike\"]},\"stops\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";
        String responseId = start(conversation, body("{\"type\":\"json_schema\",\"schema\":" + schema + "}", null));

        List<ChunkEvent> events = untilEnd(conversation, responseId);

        assertInstanceOf(ChunkEvent.ResponseCompleted.class, last(events));
        assertEquals(SimulatedJson.valueFor(ProtocolJson.mapper().readTree(schema)), ProtocolJson.mapper().readTree(text(events)));
    }

    @Test
    void aMalformedSchemaIsRefusedBeforeAnythingIsWritten() {
        var answer = tokenstream.ingest.Generations.post(newConversation("json-schema-400"),
                body("{\"type\":\"json_schema\",\"schema\":{\"type\":\"banana\"}}", null));

        assertEquals(400, answer.statusCode());
        assertEquals("invalid_option", answer.path("error.code"));
        assertTrue(((String) answer.path("error.message")).contains("unknown type 'banana'"));
    }
}
