package tokenstream.ingest.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.Usage;

/**
 * Receives what an upstream produces, in order. An upstream calls it from at most one thread at a time
 * per stream, and after {@link #onCompleted} or {@link #onError} it calls nothing more.
 */
public interface UpstreamListener {

    /** A piece of user-visible text. */
    void onTextDelta(String text);

    /** A complete tool call whose arguments are whole, valid JSON (an upstream assembles fragments first). */
    void onToolCall(String callId, String name, JsonNode arguments);

    /** The model finished. */
    void onCompleted(String finishReason, Usage usage);

    /** The upstream failed; the message is safe to show to clients. */
    void onError(String message, Throwable cause);
}
