package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One response's events as OpenAI {@code chat.completion.chunk} objects, in order: the role on
 * {@code response.started}, a content delta per {@code text.delta}, one complete tool call per {@code tool_call},
 * the finish reason on the terminal event (then the usage chunk when asked, then {@code [DONE]}); a
 * {@code response.failed} becomes an {@code error} object and ends the stream without {@code [DONE]}, as OpenAI's
 * SDKs expect an error mid-stream. Other event types, unknown ones included, say nothing. Stateful: feed it the
 * response's events from its {@code response.started}.
 */
public final class ChatChunks {
    /** The data of the stream's last event. */
    public static final String DONE = "[DONE]";

    private final boolean includeUsage;
    private final ChatCompletionHead head = new ChatCompletionHead();
    private int toolCalls;

    public ChatChunks(boolean includeUsage) {
        this.includeUsage = includeUsage;
    }

    /** The SSE data values this event becomes: JSON objects, or {@link #DONE}; none for what a client is not told. */
    public List<String> translate(ChunkEvent event) {
        head.observe(event);
        if (event instanceof ChunkEvent.ResponseStarted) {
            return List.of(chunk(delta().put("role", "assistant").put("content", ""), null));
        }
        if (event instanceof ChunkEvent.TextDelta text) {
            return List.of(chunk(delta().put("content", text.text()), null));
        }
        if (event instanceof ChunkEvent.ToolCall call) {
            ObjectNode delta = delta();
            delta.putArray("tool_calls").add(ToolCalls.json(call, toolCalls++));
            return List.of(chunk(delta, null));
        }
        if (event instanceof ChunkEvent.ResponseCompleted completed) {
            return ending(FinishReasons.of(completed, toolCalls > 0),
                    completed.usage() == null ? null : Usages.json(completed.usage()));
        }
        if (event instanceof ChunkEvent.ResponseCancelled) {
            return ending(FinishReasons.cancelled(toolCalls > 0), null);
        }
        if (event instanceof ChunkEvent.ResponseFailed failed) {
            return List.of(StreamErrors.failed(failed).toString());
        }
        return List.of();
    }

    private List<String> ending(String finishReason, ObjectNode usage) {
        List<String> data = new ArrayList<>(3);
        data.add(chunk(JsonNodeFactory.instance.objectNode(), finishReason));
        if (includeUsage) {
            ObjectNode last = head.object("chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage == null ? JsonNodeFactory.instance.nullNode() : usage);
            data.add(last.toString());
        }
        data.add(DONE);
        return data;
    }

    private String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = head.object("chat.completion.chunk");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            // OpenAI's own stream: every chunk but the last carries "usage": null when usage was asked for.
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode delta() {
        return JsonNodeFactory.instance.objectNode();
    }
}
