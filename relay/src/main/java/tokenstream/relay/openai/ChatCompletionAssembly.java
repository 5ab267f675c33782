package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;

/**
 * One response's events gathered into the answer of a request without {@code stream}: a {@code chat.completion}
 * (text, tool calls, finish reason, usage) once the response completes or is cancelled, or, when it failed, 502 with
 * the failure's stable code. Feed it the response's events from its {@code response.started}.
 */
public final class ChatCompletionAssembly {
    /** The HTTP answer: status and JSON body. */
    public record Answer(int status, ObjectNode body) {
    }

    private final ChatCompletionHead head = new ChatCompletionHead();
    private final StringBuilder text = new StringBuilder();
    private final ArrayNode toolCalls = JsonNodeFactory.instance.arrayNode();
    private Answer answer;

    /** Takes the next event; the answer is ready once a terminal event was taken. */
    public void accept(ChunkEvent event) {
        if (answer != null) {
            return;
        }
        head.observe(event);
        if (event instanceof ChunkEvent.TextDelta delta) {
            text.append(delta.text());
        } else if (event instanceof ChunkEvent.ToolCall call) {
            toolCalls.add(ToolCalls.message(call));
        } else if (event instanceof ChunkEvent.ResponseCompleted completed) {
            answer = completion(FinishReasons.of(completed, !toolCalls.isEmpty()), completed.usage() == null ? null
                    : Usages.json(completed.usage()));
        } else if (event instanceof ChunkEvent.ResponseCancelled) {
            answer = completion(FinishReasons.cancelled(!toolCalls.isEmpty()), null);
        } else if (event instanceof ChunkEvent.ResponseFailed failed) {
            answer = new Answer(502, StreamErrors.failed(failed));
        }
    }

    /** The answer, or null while the response is in progress. */
    public Answer answer() {
        return answer;
    }

    private Answer completion(String finishReason, ObjectNode usage) {
        ObjectNode completion = head.object("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (text.length() == 0 && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        message.putNull("refusal");
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        completion.set("usage", usage == null ? JsonNodeFactory.instance.nullNode() : usage);
        return new Answer(200, completion);
    }
}
