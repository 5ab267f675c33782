package tokenstream.relay.openai;

import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.tail.ChunkRecord;

/** Picks one response's events out of its conversation's records. */
final class ResponseEvents {
    private final String responseId;

    ResponseEvents(String responseId) {
        this.responseId = responseId;
    }

    /** The record's event when it belongs to the response, else null (other responses, unreadable or unsafe records). */
    ChunkEvent of(ChunkRecord record) {
        if (!responseId.equals(record.responseId()) || EventTypes.REPLACED.equals(record.eventType())) {
            return null;
        }
        ChunkEvent event = RecordEvents.of(record);
        return event != null && responseId.equals(event.responseId()) ? event : null;
    }
}
