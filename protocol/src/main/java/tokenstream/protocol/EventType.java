package tokenstream.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event types this version of the protocol knows, with their names on the wire. */
public enum EventType {
    RESPONSE_STARTED("response.started", ChunkEvent.ResponseStarted.class, false),
    TEXT_DELTA("text.delta", ChunkEvent.TextDelta.class, false),
    TOOL_CALL("tool_call", ChunkEvent.ToolCall.class, false),
    /** The model's reasoning, streamed apart from the answer; see {@link ChunkEvent.ThinkingDelta}. */
    THINKING_DELTA("thinking.delta", ChunkEvent.ThinkingDelta.class, false),
    RESPONSE_COMPLETED("response.completed", ChunkEvent.ResponseCompleted.class, true),
    RESPONSE_FAILED("response.failed", ChunkEvent.ResponseFailed.class, true),
    RESPONSE_CANCELLED("response.cancelled", ChunkEvent.ResponseCancelled.class, true);

    // Looked up for every record the relay reads: a map, not a scan of values() (which copies the array).
    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    private final String wireName;
    private final Class<? extends ChunkEvent> recordType;
    private final boolean terminal;

    EventType(String wireName, Class<? extends ChunkEvent> recordType, boolean terminal) {
        this.wireName = wireName;
        this.recordType = recordType;
        this.terminal = terminal;
    }

    /** The name used in the JSON {@code type} field, the {@code event-type} header and the SSE {@code event:} line. */
    public String wireName() {
        return wireName;
    }

    /** Whether this type ends its response. A response has exactly one terminal event. */
    public boolean isTerminal() {
        return terminal;
    }

    Class<? extends ChunkEvent> recordType() {
        return recordType;
    }

    /** The known type with this wire name, or empty for a type this version does not know. */
    public static Optional<EventType> fromWireName(String wireName) {
        return wireName == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
