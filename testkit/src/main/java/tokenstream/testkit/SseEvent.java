package tokenstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.protocol.ProtocolJson;

/** One parsed Server-Sent Event. {@code id} is null for events without an id line. */
public record SseEvent(String id, String event, String data) {

    public JsonNode json() {
        try {
            return ProtocolJson.mapper().readTree(data);
        } catch (Exception e) {
            throw new IllegalStateException("event data is not JSON: " + data, e);
        }
    }

    public boolean isTerminal() {
        return "response.completed".equals(event) || "response.failed".equals(event)
                || "response.cancelled".equals(event);
    }
}
