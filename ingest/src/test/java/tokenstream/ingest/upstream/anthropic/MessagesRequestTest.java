package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.ChatMessage;
import tokenstream.ingest.upstream.GenerationOptions;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.protocol.ProtocolJson;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A generation request in the Messages API's shape. */
class MessagesRequestTest {

    private static GenerationRequest request(Integer maxTokens, String optionsJson) throws Exception {
        ObjectNode options = (ObjectNode) ProtocolJson.mapper().readTree(optionsJson);
        return new GenerationRequest("simulator", List.of(new ChatMessage("system", "be brief"),
                new ChatMessage("user", "weather?"), new ChatMessage("assistant", "where?"), new ChatMessage("user", "Oslo")),
                new GenerationOptions(maxTokens, null, null, options), JsonNodeFactory.instance.objectNode());
    }

    @Test
    void systemMessagesGoToSystemAndTheRestStreamsWithTheDefaultMaxTokens() throws Exception {
        ObjectNode body = MessagesRequest.body(request(null, "{\"seed\":3,\"tokens_per_second\":9}"), "claude-x", 1024);

        assertEquals(ProtocolJson.mapper().readTree("{\"model\":\"claude-x\",\"max_tokens\":1024,\"system\":\"be brief\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"weather?\"},{\"role\":\"assistant\",\"content\":\"where?\"},"
                + "{\"role\":\"user\",\"content\":\"Oslo\"}],\"stream\":true}"), body);
    }

    @Test
    void functionToolsToolChoiceStopAndThinkingBecomeAnthropicsShapes() throws Exception {
        ObjectNode body = MessagesRequest.body(request(300, "{\"temperature\":0.2,\"stop\":\"END\","
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Weather\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}"), "claude-x", 1024);

        assertEquals(300, body.get("max_tokens").asInt());
        assertEquals(0.2, body.get("temperature").asDouble());
        assertEquals(ProtocolJson.mapper().readTree("[\"END\"]"), body.get("stop_sequences"));
        assertEquals(ProtocolJson.mapper().readTree("{\"type\":\"enabled\",\"budget_tokens\":2000}"), body.get("thinking"));
        assertEquals(ProtocolJson.mapper().readTree("[{\"name\":\"get_weather\",\"description\":\"Weather\",\"input_schema\":"
                + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}]"), body.get("tools"));
        assertEquals(ProtocolJson.mapper().readTree("{\"type\":\"tool\",\"name\":\"get_weather\"}"), body.get("tool_choice"));
    }

    @Test
    void requiredToolChoiceIsAny() throws Exception {
        ObjectNode body = MessagesRequest.body(request(null, "{\"tool_choice\":\"required\"}"), "claude-x", 1024);

        assertEquals(ProtocolJson.mapper().readTree("{\"type\":\"any\"}"), body.get("tool_choice"));
    }
}
