package tokenstream.ingest.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.Usage;

/**
 * Receives what an upstream produces, in order. An upstream calls it from at most one thread at a time
 * per stream, and after {@link #onCompleted} or {@link #onFailed} it calls nothing more.
 */
public interface UpstreamListener {

    /** A piece of user-visible text (in JSON mode: the next piece of the JSON document). */
    void onTextDelta(String text);

    /** A complete tool call whose arguments are whole, valid JSON. */
    void onToolCall(String callId, String name, JsonNode arguments);

    /**
     * A fragment of a tool call as models stream them: by {@code index}, with the call id and function name
     * usually on the first fragment only (null after). The listener holds fragments until the call is whole.
     */
    void onToolCallFragment(int index, String callId, String name, String argumentsFragment);

    /**
     * The tool call at {@code index} has had its last fragment (an upstream that says so, such as Anthropic's
     * {@code content_block_stop}): it can be checked and written now rather than when a later call starts or the
     * response completes. Upstreams that do not know ignore it.
     */
    default void onToolCallEnd(int index) {
    }

    /**
     * A piece of the model's reasoning, apart from the answer (Anthropic's {@code thinking_delta}). Not part of the
     * text, never validated as JSON. Upstreams without reasoning never call it.
     */
    default void onThinkingDelta(String text) {
    }

    /** The model finished. */
    void onCompleted(String finishReason, Usage usage);

    /**
     * The upstream failed.
     *
     * @param code    a stable code from {@link FailureCodes}
     * @param message safe to show to clients
     */
    void onFailed(String code, String message, Throwable cause);

    /** The upstream failed in a way that has no more specific code than {@code upstream_error}. */
    default void onError(String message, Throwable cause) {
        onFailed(FailureCodes.UPSTREAM_ERROR, message, cause);
    }
}
