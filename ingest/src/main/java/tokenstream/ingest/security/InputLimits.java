package tokenstream.ingest.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import tokenstream.servicekit.web.ApiException;

/** Size limits on what producers send, checked before anything is written. */
@ApplicationScoped
public class InputLimits {
    private final IngestSecurityConfig config;

    public InputLimits(IngestSecurityConfig config) {
        this.config = config;
    }

    /** @throws ApiException 413 {@code prompt_too_large} when prompt and message contents exceed the limit */
    public void checkPrompt(JsonNode body) {
        if (body == null || !body.isObject()) {
            return;
        }
        long chars = textLength(body.get("prompt"));
        JsonNode messages = body.get("messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode message : messages) {
                chars += textLength(message.get("content"));
            }
        }
        if (chars > config.maxPromptChars()) {
            throw new ApiException(413, "prompt_too_large", "prompt and messages hold " + chars
                    + " characters; the limit is " + config.maxPromptChars(), Map.of("limit", config.maxPromptChars()));
        }
    }

    /** Whether an event with this seq would exceed the events allowed in one response. */
    public boolean exceedsEventsPerResponse(long seq) {
        return seq >= config.maxEventsPerResponse();
    }

    public long maxEventsPerResponse() {
        return config.maxEventsPerResponse();
    }

    private static long textLength(JsonNode node) {
        return node != null && node.isTextual() ? node.asText().length() : 0;
    }
}
