package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.EventId;
import tokenstream.protocol.ProtocolJson;

/**
 * Ingest's 202 to a start: the response id and the position of its {@code response.started}, where the stream begins.
 */
record IngestStart(String responseId, EventId position) {

    /** The start ingest answered, or null when the body does not name both. */
    static IngestStart read(byte[] body) {
        try {
            JsonNode answer = ProtocolJson.mapper().readTree(body);
            if (answer == null || !answer.path("response_id").isTextual() || !answer.path("position").isTextual()) {
                return null;
            }
            return new IngestStart(answer.get("response_id").asText(), EventId.decode(answer.get("position").asText()));
        } catch (Exception e) {
            return null;
        }
    }
}
