package tokenstream.ingest.upstream.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.StreamingHttpCall;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Usage;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps the server-sent events of a streaming Messages call to listener calls. Each event's {@code data:} JSON names
 * its own {@code type}, so the {@code event:} lines are not needed:
 * <ul>
 *   <li>{@code message_start}: input token counts;</li>
 *   <li>{@code content_block_start} / {@code content_block_delta} / {@code content_block_stop}, by block index:
 *       {@code text_delta} is text, {@code thinking_delta} is reasoning, a {@code tool_use} block's
 *       {@code input_json_delta}s are fragments of one tool call (numbered 0, 1, ... in the order the calls start)
 *       that its stop completes; signatures, citations and other block types are skipped;</li>
 *   <li>{@code message_delta}: the {@code stop_reason} and output token count; {@code message_stop} ends it;</li>
 *   <li>{@code error}: the response fails with the error type's code ({@link AnthropicErrors});</li>
 *   <li>{@code ping} and event types this version does not know are ignored, as the API asks of clients.</li>
 * </ul>
 */
final class MessagesEventReader implements StreamingHttpCall.LineReader {
    private final UpstreamListener listener;
    private final StringBuilder data = new StringBuilder();
    /** Block index → tool-call number, for the blocks that are tool calls. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();
    private long inputTokens;
    private long outputTokens;
    private String stopReason;
    private boolean ended;

    MessagesEventReader(UpstreamListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void line(String line) {
        if (ended) {
            return;
        }
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith("data:")) {
            // SSE: one optional space after the colon; several data lines of one event join with line feeds.
            String value = line.substring(line.startsWith("data: ") ? 6 : 5);
            data.append(data.length() == 0 ? "" : "\n").append(value);
        }
    }

    /** The connection ended: without {@code message_stop} that is a failure, unless the model had said why it stopped. */
    @Override
    public void endOfStream() {
        dispatch();
        if (ended) {
            return;
        }
        if (stopReason != null) {
            complete();
        } else {
            fail(FailureCodes.UPSTREAM_ERROR, "the upstream closed the stream before the response was finished", null);
        }
    }

    @Override
    public void connectionLost(IOException e) {
        if (!ended) {
            fail(FailureCodes.UPSTREAM_ERROR, "the connection to the upstream was lost: " + e.getMessage(), e);
        }
    }

    private void dispatch() {
        if (data.length() == 0 || ended) {
            return;
        }
        JsonNode event;
        try {
            event = ProtocolJson.mapper().readTree(data.toString());
        } catch (IOException e) {
            fail(FailureCodes.UPSTREAM_ERROR, "the upstream sent an event that is not JSON", e);
            return;
        } finally {
            data.setLength(0);
        }
        switch (event.path("type").asText()) {
            case "message_start" -> usage(event.path("message").path("usage"));
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"));
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"));
            case "content_block_stop" -> blockStop(event.path("index").asInt());
            case "message_delta" -> {
                JsonNode reason = event.path("delta").get("stop_reason");
                if (reason != null && reason.isTextual()) {
                    stopReason = reason.asText();
                }
                usage(event.path("usage"));
            }
            case "message_stop" -> complete();
            case "error" -> {
                JsonNode error = event.path("error");
                fail(AnthropicErrors.codeOf(error.path("type").asText()),
                        "the upstream reported an error mid-stream: " + AnthropicErrors.describe(error), null);
            }
            default -> {
                // ping, and event types added after this version: nothing to do.
            }
        }
    }

    private void blockStart(int index, JsonNode block) {
        switch (block.path("type").asText()) {
            case "text" -> text(block.path("text").asText(""));
            case "thinking" -> thinking(block.path("thinking").asText(""));
            case "tool_use" -> {
                int call = toolCalls.size();
                toolCalls.put(index, call);
                listener.onToolCallFragment(call, block.path("id").asText(null), block.path("name").asText(null), null);
            }
            default -> {
                // redacted_thinking and server-side tool blocks carry nothing to stream.
            }
        }
    }

    private void blockDelta(int index, JsonNode delta) {
        switch (delta.path("type").asText()) {
            case "text_delta" -> text(delta.path("text").asText(""));
            case "thinking_delta" -> thinking(delta.path("thinking").asText(""));
            case "input_json_delta" -> {
                Integer call = toolCalls.get(index);
                String fragment = delta.path("partial_json").asText("");
                if (call != null && !fragment.isEmpty()) {
                    listener.onToolCallFragment(call, null, null, fragment);
                }
            }
            default -> {
                // signature_delta, citations_delta: not part of the answer.
            }
        }
    }

    private void blockStop(int index) {
        Integer call = toolCalls.get(index);
        if (call != null) {
            listener.onToolCallEnd(call);
        }
    }

    private void text(String text) {
        if (!text.isEmpty()) {
            listener.onTextDelta(text);
        }
    }

    private void thinking(String text) {
        if (!text.isEmpty()) {
            listener.onThinkingDelta(text);
        }
    }

    /**
     * Counts from {@code message_start} or {@code message_delta} (cumulative). Anthropic counts cached input apart
     * from {@code input_tokens}; the prompt is all of it, as in OpenAI's {@code prompt_tokens}.
     */
    private void usage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        if (usage.has("input_tokens")) {
            inputTokens = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                    + usage.path("cache_read_input_tokens").asLong(0);
        }
        if (usage.has("output_tokens")) {
            outputTokens = usage.path("output_tokens").asLong(0);
        }
    }

    private void complete() {
        ended = true;
        listener.onCompleted(finishReason(stopReason), Usage.of(inputTokens, outputTokens));
    }

    private void fail(String code, String message, Throwable cause) {
        ended = true;
        listener.onFailed(code, message, cause);
    }

    /**
     * Anthropic's {@code stop_reason} as the finish reasons the other upstreams write: {@code end_turn} and
     * {@code stop_sequence} → {@code stop}, {@code max_tokens} → {@code length}, {@code tool_use} → {@code tool_calls},
     * {@code refusal} → {@code content_filter}; any other passes as it is.
     */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> stopReason;
        };
    }
}
