package tokenstream.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

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
    /**
     * The W3C trace context ({@code 00-<trace id>-<span id>-<flags>}, {@link TraceContext}) of the start or push that
     * wrote the record, on every record of the response while tracing is on, absent otherwise. Readers validate it
     * ({@link TraceContext#of}) before it reaches a span, a header or a log line: a producer could put anything here.
     */
    public static final String TRACEPARENT = "traceparent";
    /** The W3C {@code tracestate} that goes with {@link #TRACEPARENT}, when the trace has one. */
    public static final String TRACESTATE = "tracestate";
    /** On dead-letter records: why the record was rejected. */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";
    /** On dead-letter records: the topic, partition and offset the record came from. */
    public static final String DEAD_LETTER_SOURCE = "dead-letter-source";

    private EventHeaders() {
    }

    /**
     * The headers of a chunks record carrying {@code event}, iterating in the order they are written:
     * {@link #EVENT_TYPE}, {@link #RESPONSE_ID}, {@link #SEQ}. For every writer of the chunks topic, so that they
     * cannot drift apart.
     */
    public static Map<String, String> of(ChunkEvent event) {
        return of(event, null);
    }

    /**
     * The headers of {@link #of(ChunkEvent)}, then {@link #TRACEPARENT} and {@link #TRACESTATE} (if it has one) of
     * {@code trace}; with a null {@code trace}, exactly the headers of {@link #of(ChunkEvent)}.
     */
    public static Map<String, String> of(ChunkEvent event, TraceContext trace) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_TYPE, event.typeName());
        headers.put(RESPONSE_ID, event.responseId());
        headers.put(SEQ, Long.toString(event.seq()));
        if (trace != null) {
            headers.put(TRACEPARENT, trace.traceparent());
            if (trace.tracestate() != null) {
                headers.put(TRACESTATE, trace.tracestate());
            }
        }
        return headers;
    }
}
