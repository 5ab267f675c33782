package tokenstream.ingest.upstream.openai;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.protocol.Usage;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down every listener call as one line, so a test can compare the whole sequence. */
public final class RecordingListener implements UpstreamListener {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public final CompletableFuture<String> ended = new CompletableFuture<>();
    public final CompletableFuture<Void> firstText = new CompletableFuture<>();

    @Override
    public void onTextDelta(String text) {
        calls.add("text " + text);
        firstText.complete(null);
    }

    @Override
    public void onToolCall(String callId, String name, JsonNode arguments) {
        calls.add("tool_call " + callId + " " + name + " " + arguments);
    }

    @Override
    public void onToolCallFragment(int index, String callId, String name, String argumentsFragment) {
        calls.add("fragment " + index + " " + callId + " " + name + " " + argumentsFragment);
    }

    @Override
    public void onToolCallEnd(int index) {
        calls.add("end " + index);
    }

    @Override
    public void onThinkingDelta(String text) {
        calls.add("thinking " + text);
    }

    @Override
    public void onCompleted(String finishReason, Usage usage) {
        String line = "completed " + finishReason + " " + usage;
        calls.add(line);
        ended.complete(line);
    }

    @Override
    public void onFailed(String code, String message, Throwable cause) {
        String line = "failed " + code + " " + message;
        calls.add(line);
        ended.complete(line);
    }
}
