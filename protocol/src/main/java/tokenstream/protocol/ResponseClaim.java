package tokenstream.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;

/**
 * A value of the {@link Topics#RESPONSE_OWNERS} topic (key = response id): who claimed the response id, for which
 * conversation. On the wire {@code {"conversation_id":"c1","owner":"key:gateway-a","claimed_at":"..."}}.
 *
 * @param conversationId the conversation the response belongs to
 * @param owner          the producer's identity ({@code key:<api key name>}, {@code jwt:<sub>} or {@code anonymous})
 * @param claimedAt      when the claim was written (for retention and for people)
 */
public record ResponseClaim(String conversationId, String owner, Instant claimedAt) {

    /** Whether {@code other} names the same conversation and owner; the time does not matter. */
    public boolean sameHolder(ResponseClaim other) {
        return conversationId.equals(other.conversationId) && owner.equals(other.owner);
    }

    public byte[] write() {
        try {
            return ProtocolJson.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + this, e);
        }
    }

    /** @throws MalformedEventException for anything but an object with the three fields */
    public static ResponseClaim read(byte[] json) {
        if (json == null) {
            throw new MalformedEventException("empty response claim");
        }
        JsonNode node;
        try {
            node = ProtocolJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("response claim is not valid JSON", e);
        }
        if (node == null || !node.isObject() || !nonEmpty(node, "conversation_id") || !nonEmpty(node, "owner")
                || !nonEmpty(node, "claimed_at")) {
            throw new MalformedEventException("response claim needs non-empty conversation_id, owner and claimed_at");
        }
        try {
            return new ResponseClaim(node.get("conversation_id").asText(), node.get("owner").asText(),
                    Instant.parse(node.get("claimed_at").asText()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedEventException("response claim claimed_at is not an ISO-8601 instant", e);
        }
    }

    private static boolean nonEmpty(JsonNode node, String field) {
        return node.path(field).isTextual() && !node.get(field).asText().isEmpty();
    }
}
