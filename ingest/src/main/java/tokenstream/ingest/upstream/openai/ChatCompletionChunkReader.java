package tokenstream.ingest.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.StreamingHttpCall;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Usage;

import java.io.IOException;

/**
 * Maps the lines of a Chat Completions event stream to listener calls: {@code data:} lines carry chunk JSON
 * ({@code choices[0].delta.content}, {@code choices[0].delta.tool_calls[]} fragments by index,
 * {@code finish_reason}, and a last chunk with {@code usage}), {@code data: [DONE]} ends the stream.
 * Comments, {@code event:} lines and blank lines are skipped.
 */
final class ChatCompletionChunkReader implements StreamingHttpCall.LineReader {
    private final UpstreamListener listener;
    private String finishReason;
    private Usage usage;
    private boolean ended;

    ChatCompletionChunkReader(UpstreamListener listener) {
        this.listener = listener;
    }

    /** Whether the stream has ended (completed or failed); nothing more is passed on after it. */
    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void line(String line) {
        if (ended || !line.startsWith("data:")) {
            return;
        }
        String data = line.substring(5).trim();
        if (data.equals("[DONE]")) {
            complete();
            return;
        }
        JsonNode chunk;
        try {
            chunk = ProtocolJson.mapper().readTree(data);
        } catch (IOException e) {
            fail("the upstream sent a chunk that is not JSON", e);
            return;
        }
        if (chunk.hasNonNull("error")) {
            fail("the upstream reported an error: " + chunk.get("error").path("message").asText(chunk.get("error").toString()), null);
            return;
        }
        JsonNode choice = chunk.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        String content = delta.path("content").isTextual() ? delta.get("content").asText() : "";
        if (!content.isEmpty()) {
            listener.onTextDelta(content);
        }
        for (JsonNode call : delta.path("tool_calls")) {
            JsonNode function = call.path("function");
            listener.onToolCallFragment(call.path("index").asInt(0), textOrNull(call, "id"), textOrNull(function, "name"),
                    textOrNull(function, "arguments"));
        }
        if (choice.hasNonNull("finish_reason")) {
            finishReason = choice.get("finish_reason").asText();
        }
        JsonNode reported = chunk.get("usage");
        if (reported != null && reported.isObject()) {
            long prompt = reported.path("prompt_tokens").asLong(0);
            long completion = reported.path("completion_tokens").asLong(0);
            usage = new Usage(prompt, completion, reported.path("total_tokens").asLong(prompt + completion));
        }
    }

    /** The connection ended: without {@code [DONE]} that is a failure, unless the model had finished. */
    @Override
    public void endOfStream() {
        if (ended) {
            return;
        }
        if (finishReason != null) {
            // Some servers omit [DONE]; a finish_reason already said the answer is whole.
            complete();
        } else {
            fail("the upstream closed the stream before the response was finished", null);
        }
    }

    @Override
    public void connectionLost(IOException e) {
        if (!ended) {
            fail("the connection to the upstream was lost: " + e.getMessage(), e);
        }
    }

    private void complete() {
        ended = true;
        listener.onCompleted(finishReason == null ? "stop" : finishReason, usage);
    }

    private void fail(String message, Throwable cause) {
        ended = true;
        listener.onFailed(FailureCodes.UPSTREAM_ERROR, message, cause);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
