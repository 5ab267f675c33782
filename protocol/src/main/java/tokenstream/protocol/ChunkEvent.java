package tokenstream.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One event of one response, as it travels on the chunks topic.
 *
 * <p>Every event names its conversation and response, carries its position {@code seq} within the
 * response (0 for {@code response.started}, then 1, 2, ... without gaps) and the time it was produced.
 * A response always ends with exactly one terminal event ({@link #isTerminal()}).
 *
 * <p>On the wire the fields are snake_case and a {@code type} field names the variant, for example
 * {@code {"type":"text.delta","conversation_id":"c1","response_id":"r1","seq":3,"timestamp":"...","text":"Hi"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ChunkEvent {

    /** The conversation this event belongs to; also the record key. */
    String conversationId();

    /** The response this event belongs to. */
    String responseId();

    /** Position of this event within its response, from 0. */
    long seq();

    /** When the producer created the event. */
    Instant timestamp();

    /** The wire type name, for example {@code text.delta}. */
    @JsonIgnore
    String typeName();

    /** Whether this event ends its response. */
    @JsonIgnore
    default boolean isTerminal() {
        return EventType.fromWireName(typeName()).map(EventType::isTerminal).orElse(false);
    }

    /**
     * Opens a response: which model answers and what was asked of it.
     *
     * @param source who produces the rest of the response: {@link #SOURCE_GENERATION} (an ingest instance runs the
     *               model) or {@link #SOURCE_PUSH} (a gateway pushes the events through ingest); set by ingest,
     *               absent from older writers. It decides how a response that never ends is closed:
     *               {@code ingest_lost} or {@code producer_timeout}.
     */
    record ResponseStarted(String conversationId, String responseId, long seq, Instant timestamp,
                           String model, JsonNode metadata, String source) implements ChunkEvent {
        /** Value of {@link #source()} when an ingest instance runs the generation. */
        public static final String SOURCE_GENERATION = "generation";
        /** Value of {@link #source()} when a gateway pushes the response's events. */
        public static final String SOURCE_PUSH = "push";

        /** A start without a {@code source}, as written before the field existed. */
        public ResponseStarted(String conversationId, String responseId, long seq, Instant timestamp, String model,
                               JsonNode metadata) {
            this(conversationId, responseId, seq, timestamp, model, metadata, null);
        }

        /** The same start, produced by {@code source}. */
        public ResponseStarted withSource(String source) {
            return new ResponseStarted(conversationId, responseId, seq, timestamp, model, metadata, source);
        }

        public String typeName() {
            return EventType.RESPONSE_STARTED.wireName();
        }
    }

    /** A piece of user-facing text, to be appended to what came before. */
    record TextDelta(String conversationId, String responseId, long seq, Instant timestamp,
                     String text) implements ChunkEvent {
        public String typeName() {
            return EventType.TEXT_DELTA.wireName();
        }
    }

    /**
     * A piece of the model's reasoning before or between its answer (Anthropic's extended thinking), to be
     * appended to the reasoning that came before. It is not part of the answer: readers keep it out of the response
     * text, and a browser shows it apart (collapsed).
     */
    record ThinkingDelta(String conversationId, String responseId, long seq, Instant timestamp,
                         String text) implements ChunkEvent {
        public String typeName() {
            return EventType.THINKING_DELTA.wireName();
        }
    }

    /** A complete tool call whose {@code arguments} are a whole, valid JSON value; never a fragment. */
    record ToolCall(String conversationId, String responseId, long seq, Instant timestamp,
                    String callId, String name, JsonNode arguments) implements ChunkEvent {
        public String typeName() {
            return EventType.TOOL_CALL.wireName();
        }
    }

    /** The model finished normally. */
    record ResponseCompleted(String conversationId, String responseId, long seq, Instant timestamp,
                             String finishReason, Usage usage) implements ChunkEvent {
        public String typeName() {
            return EventType.RESPONSE_COMPLETED.wireName();
        }
    }

    /** The response ended in error; {@code code} is stable and machine-readable, {@code message} is for people. */
    record ResponseFailed(String conversationId, String responseId, long seq, Instant timestamp,
                          String code, String message) implements ChunkEvent {
        public String typeName() {
            return EventType.RESPONSE_FAILED.wireName();
        }
    }

    /** The response was stopped on request before it finished. */
    record ResponseCancelled(String conversationId, String responseId, long seq, Instant timestamp,
                             String reason) implements ChunkEvent {
        public String typeName() {
            return EventType.RESPONSE_CANCELLED.wireName();
        }
    }

    /**
     * An event of a type this version does not know (written by a newer producer). It is kept whole in
     * {@code body} and passed through unchanged, never rejected.
     */
    record Unknown(String conversationId, String responseId, long seq, Instant timestamp,
                   @JsonIgnore String type, @JsonIgnore ObjectNode body) implements ChunkEvent {
        public String typeName() {
            return type;
        }
    }
}
