package tokenstream.ingest.tracing;

import org.jboss.logging.MDC;
import tokenstream.protocol.TraceContext;

/**
 * A response's trace id in the logging context (MDC key {@code traceId}, which the console format prints) while a
 * line about it is logged off the request's thread: an upstream failure or a refused output is then found in the
 * logs by the id its spans carry. Nothing is set when the response has no trace or the thread already names one.
 */
public final class ResponseLogContext implements AutoCloseable {
    /** The key Quarkus' OpenTelemetry puts the current trace id under. */
    public static final String TRACE_ID = "traceId";
    private static final ResponseLogContext NOTHING = new ResponseLogContext(false);

    private final boolean set;

    private ResponseLogContext(boolean set) {
        this.set = set;
    }

    /** Names the trace of {@code trace} in the logging context until {@link #close()}. */
    public static ResponseLogContext of(ResponseTrace trace) {
        TraceContext context = trace.headers();
        if (context == null || MDC.get(TRACE_ID) != null) {
            return NOTHING;
        }
        MDC.put(TRACE_ID, context.traceId());
        return new ResponseLogContext(true);
    }

    @Override
    public void close() {
        if (set) {
            MDC.remove(TRACE_ID);
        }
    }
}
