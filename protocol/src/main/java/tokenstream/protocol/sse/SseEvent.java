package tokenstream.protocol.sse;

/**
 * One dispatched Server-Sent Event.
 *
 * @param id    the value of this event's own {@code id} line, or null if it had none (the id a client resumes
 *              from is {@link SseParser#lastEventId()}, which an event without an id line leaves as it was)
 * @param event the event type; {@code message} when the event named none
 * @param data  the {@code data} lines joined with LF
 */
public record SseEvent(String id, String event, String data) {
    /** The type of an event that names none. */
    public static final String DEFAULT_TYPE = "message";
}
