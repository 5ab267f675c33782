package tokenstream.ingest.generation;

import tokenstream.protocol.EventId;

/** A generation whose {@code response.started} is on the topic at {@code position}. */
record StartedGeneration(String conversationId, String responseId, String model, EventId position) {
}
