package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ProtocolJson;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.openai.Events.AT;
import static tokenstream.relay.openai.Events.cancelled;
import static tokenstream.relay.openai.Events.completed;
import static tokenstream.relay.openai.Events.failed;
import static tokenstream.relay.openai.Events.started;
import static tokenstream.relay.openai.Events.text;
import static tokenstream.relay.openai.Events.tool;

class ChatChunksTest {

    private static JsonNode json(String data) throws Exception {
        return ProtocolJson.mapper().readTree(data);
    }

    private static JsonNode only(List<String> data) throws Exception {
        assertEquals(1, data.size(), data.toString());
        return json(data.get(0));
    }

    @Test
    void theStartCarriesTheRoleAndEveryChunkTheResponsesIdCreatedAndModel() throws Exception {
        JsonNode chunk = only(new ChatChunks(false).translate(started(0)));

        assertEquals("r1", chunk.get("id").asText());
        assertEquals("chat.completion.chunk", chunk.get("object").asText());
        assertEquals(AT.getEpochSecond(), chunk.get("created").asLong());
        assertEquals("sim", chunk.get("model").asText());
        assertEquals("assistant", chunk.at("/choices/0/delta/role").asText());
        assertTrue(chunk.at("/choices/0/finish_reason").isNull());
    }

    @Test
    void aTextDeltaIsAContentDelta() throws Exception {
        ChatChunks chunks = new ChatChunks(false);
        chunks.translate(started(0));

        JsonNode chunk = only(chunks.translate(text(1, "Hello")));

        assertEquals("Hello", chunk.at("/choices/0/delta/content").asText());
        assertEquals("sim", chunk.get("model").asText());
    }

    @Test
    void toolCallsAreCompleteAndIndexedInOrder() throws Exception {
        ChatChunks chunks = new ChatChunks(false);
        chunks.translate(started(0));
        chunks.translate(tool(1, "call_a"));

        JsonNode call = only(chunks.translate(tool(2, "call_b"))).at("/choices/0/delta/tool_calls/0");

        assertEquals(1, call.get("index").asInt());
        assertEquals("call_b", call.get("id").asText());
        assertEquals("function", call.get("type").asText());
        assertEquals("lookup", call.at("/function/name").asText());
        assertEquals("{\"q\":\"x\"}", call.at("/function/arguments").asText());
    }

    @Test
    void completionEndsWithTheFinishReasonThenDone() throws Exception {
        ChatChunks chunks = new ChatChunks(false);
        chunks.translate(started(0));

        List<String> data = chunks.translate(completed(1, "length"));

        assertEquals(2, data.size());
        assertEquals("length", json(data.get(0)).at("/choices/0/finish_reason").asText());
        assertEquals("[DONE]", data.get(1));
    }

    @Test
    void afterToolCallsAnUnnamedFinishIsToolCalls() throws Exception {
        ChatChunks chunks = new ChatChunks(false);
        chunks.translate(started(0));
        chunks.translate(tool(1, "call_a"));

        assertEquals("tool_calls", json(chunks.translate(completed(2, null)).get(0)).at("/choices/0/finish_reason").asText());
    }

    @Test
    void usageComesInALastChunkWithoutChoicesWhenAsked() throws Exception {
        ChatChunks chunks = new ChatChunks(true);
        chunks.translate(started(0));

        List<String> data = chunks.translate(completed(1, "stop"));

        assertEquals(3, data.size());
        assertTrue(json(data.get(0)).get("usage").isNull());
        JsonNode usage = json(data.get(1));
        assertEquals(0, usage.get("choices").size());
        assertEquals(5, usage.at("/usage/total_tokens").asInt());
        assertEquals("[DONE]", data.get(2));
    }

    @Test
    void aFailureIsAnErrorObjectWithTheStableCodeAndNoDone() throws Exception {
        ChatChunks chunks = new ChatChunks(true);
        chunks.translate(started(0));

        JsonNode error = only(chunks.translate(failed(1))).get("error");

        assertEquals("upstream_error", error.get("code").asText());
        assertEquals("response_failed", error.get("type").asText());
        assertEquals("the model went away", error.get("message").asText());
    }

    @Test
    void aCancelledResponseEndsAsStoppedThenDone() throws Exception {
        ChatChunks chunks = new ChatChunks(false);
        chunks.translate(started(0));

        List<String> data = chunks.translate(cancelled(1));

        assertEquals("stop", json(data.get(0)).at("/choices/0/finish_reason").asText());
        assertEquals("[DONE]", data.get(1));
    }

    @Test
    void anUnknownEventTypeSaysNothing() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        assertEquals(List.of(), new ChatChunks(false).translate(
                new ChunkEvent.Unknown("c1", "r1", 1, AT, "x.thinking", body)));
    }
}
