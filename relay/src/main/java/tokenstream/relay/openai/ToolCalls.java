package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;

/** A complete {@code tool_call} event in OpenAI's shape; {@code arguments} is the JSON value as a string, as OpenAI sends it. */
final class ToolCalls {
    private ToolCalls() {
    }

    /** With its {@code index} among the response's tool calls, as a streamed delta names it. */
    static ObjectNode json(ChunkEvent.ToolCall call, int index) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("index", index);
        json.setAll(message(call));
        return json;
    }

    /** As a {@code chat.completion}'s message lists it. */
    static ObjectNode message(ChunkEvent.ToolCall call) {
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("id", call.callId()).put("type", "function");
        json.putObject("function").put("name", call.name())
                .put("arguments", call.arguments() == null ? "{}" : call.arguments().toString());
        return json;
    }
}
