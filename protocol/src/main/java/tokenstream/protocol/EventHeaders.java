package tokenstream.protocol;

/**
 * Kafka record header names. Headers repeat what the JSON value says so that operators can filter
 * with {@code kcat -f '%h'} or the console consumer without parsing the value; the value stays the
 * source of truth.
 */
public final class EventHeaders {
    /** The event's wire type, for example {@code text.delta}. */
    public static final String EVENT_TYPE = "event-type";
    /** The response the event belongs to. */
    public static final String RESPONSE_ID = "response-id";
    /** The event's sequence number within its response, in decimal. */
    public static final String SEQ = "seq";
    /** On dead-letter records: why the record was rejected. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** On dead-letter records: the topic, partition and offset the record came from. */
    public static final String DEAD_LETTER_SOURCE = "dead-letter-source";

    private EventHeaders() {
    }
}
