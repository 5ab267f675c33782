package tokenstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A message on the control topic ({@link Topics#CONTROL}), keyed by conversation id like the chunks topic.
 *
 * <p>Every ingest instance reads every control message (no consumer group), so a message reaches the
 * instance running the generation wherever it was sent from. Messages are advisory and idempotent:
 * reading one twice, or one for a response that already ended, changes nothing.
 *
 * <p>On the wire a {@code type} field names the variant, for example
 * {@code {"type":"cancel","conversation_id":"c1","response_id":"r1","reason":"user","requested_at":"..."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ControlMessage {

    /** The conversation the message is about; also the record key. */
    String conversationId();

    /** The wire type name. */
    @JsonIgnore
    String typeName();

    /**
     * Stop a response: the ingest instance running it closes the upstream and writes
     * {@code response.cancelled} with this reason.
     */
    record Cancel(String conversationId, String responseId, String reason, Instant requestedAt)
            implements ControlMessage {
        public static final String TYPE = "cancel";

        public String typeName() {
            return TYPE;
        }
    }

    /**
     * A relay instance has at least one client subscribed to the conversation while these responses are in
     * progress. Sent periodically; ingest cancels a response whose request asked for it
     * ({@code options.cancel_when_unwatched_for}) when no presence named it for that long.
     */
    record Presence(String conversationId, List<String> responseIds, String relayInstance, Instant at)
            implements ControlMessage {
        public static final String TYPE = "presence";

        public Presence {
            responseIds = responseIds == null ? List.of() : List.copyOf(responseIds);
        }

        public String typeName() {
            return TYPE;
        }
    }
}
