package tokenstream.protocol;

/**
 * The W3C trace context a chunks record carries in its {@link EventHeaders#TRACEPARENT} and
 * {@link EventHeaders#TRACESTATE} headers, so that the relay's and the consumers' spans join the trace of the start
 * or push that wrote the record. Anything that can write to the topic can put anything in a header, and these
 * values reach other headers and log lines: {@link #of} accepts only the W3C form and drops the rest.
 *
 * @param traceparent {@code 00-<32 lowercase hex trace id>-<16 lowercase hex parent id>-<2 hex flags>}, neither id
 *                    all zeros
 * @param tracestate  the vendor list that travels with it, or null when there is none
 */
public record TraceContext(String traceparent, String tracestate) {
    /** Length of a version-00 {@code traceparent}. */
    public static final int TRACEPARENT_LENGTH = 55;
    /** The W3C limit on a {@code tracestate} value. */
    public static final int MAX_TRACESTATE_LENGTH = 512;

    public TraceContext {
        if (!isValidTraceparent(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent");
        }
        if (tracestate != null && !isValidTracestate(tracestate)) {
            throw new IllegalArgumentException("not a W3C tracestate");
        }
    }

    /**
     * The context named by header values from outside, or null when {@code traceparent} is absent or not in the W3C
     * form. A {@code tracestate} that is not plain printable ASCII within 512 characters is dropped on its own: the
     * trace still joins.
     */
    public static TraceContext of(String traceparent, String tracestate) {
        if (!isValidTraceparent(traceparent)) {
            return null;
        }
        return new TraceContext(traceparent, tracestate != null && isValidTracestate(tracestate) ? tracestate : null);
    }

    /** The 32 hex digits of the trace id. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }

    /** The 16 hex digits of the span the records' readers take as their parent. */
    public String parentSpanId() {
        return traceparent.substring(36, 52);
    }

    /** Whether the writer sampled the trace (flag bit 0). */
    public boolean sampled() {
        return (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
    }

    /** Whether {@code value} is a version-00 W3C {@code traceparent} with non-zero ids. */
    public static boolean isValidTraceparent(String value) {
        if (value == null || value.length() != TRACEPARENT_LENGTH || value.charAt(0) != '0' || value.charAt(1) != '0'
                || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return false;
        }
        return lowerHex(value, 3, 35) && lowerHex(value, 36, 52) && lowerHex(value, 53, 55)
                && !zeros(value, 3, 35) && !zeros(value, 36, 52);
    }

    /** Whether {@code value} can travel as a {@code tracestate}: 1 to 512 printable ASCII characters. */
    public static boolean isValidTracestate(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TRACESTATE_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean zeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
