package tokenstream.consumers.support;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.UUID;

/** The events of one response, with fresh ids, as a producer would write them. */
public final class ResponseEvents {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public final String conversationId;
    public final String responseId;

    public ResponseEvents(String conversationId, String responseId) {
        this.conversationId = conversationId;
        this.responseId = responseId;
    }

    /** A response with ids no other test uses. */
    public static ResponseEvents fresh() {
        String suffix = UUID.randomUUID().toString();
        return new ResponseEvents("conv-" + suffix, "resp-" + suffix);
    }

    /** Each event's timestamp is {@link #T0} plus its seq in seconds, so tests can tell them apart. */
    public static Instant at(long seq) {
        return T0.plusSeconds(seq);
    }

    public ChunkEvent.ResponseStarted started(long seq, String model) {
        return new ChunkEvent.ResponseStarted(conversationId, responseId, seq, at(seq), model, null);
    }

    public ChunkEvent.TextDelta text(long seq, String text) {
        return new ChunkEvent.TextDelta(conversationId, responseId, seq, at(seq), text);
    }

    public ChunkEvent.ThinkingDelta thinking(long seq, String text) {
        return new ChunkEvent.ThinkingDelta(conversationId, responseId, seq, at(seq), text);
    }

    public ChunkEvent.ToolCall toolCall(long seq, String callId, String name, String argumentsJson) {
        return new ChunkEvent.ToolCall(conversationId, responseId, seq, at(seq), callId, name, json(argumentsJson));
    }

    public ChunkEvent.ResponseCompleted completed(long seq, String finishReason, Usage usage) {
        return new ChunkEvent.ResponseCompleted(conversationId, responseId, seq, at(seq), finishReason, usage);
    }

    public ChunkEvent.ResponseFailed failed(long seq, String code, String message) {
        return new ChunkEvent.ResponseFailed(conversationId, responseId, seq, at(seq), code, message);
    }

    public ChunkEvent.ResponseCancelled cancelled(long seq, String reason) {
        return new ChunkEvent.ResponseCancelled(conversationId, responseId, seq, at(seq), reason);
    }

    public ChunkEvent.Unknown unknown(long seq, String type) {
        var body = ProtocolJson.mapper().createObjectNode().put("type", type).put("novel_field", 42);
        return new ChunkEvent.Unknown(conversationId, responseId, seq, at(seq), type, body);
    }

    private static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
