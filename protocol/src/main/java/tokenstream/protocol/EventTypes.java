package tokenstream.protocol;

import java.util.regex.Pattern;

/**
 * The closed vocabulary of event types: which names a producer may write, and which the relay may put on an SSE
 * {@code event:} line.
 *
 * <p>A producer may write the known types ({@link EventType}) and extension types {@code x.<name>}, where the name
 * is 1 to 63 characters of {@code a-z 0-9 . _ -} starting with a letter or digit. Nothing else: the {@code stream.}
 * prefix names the relay's own instructions to its clients ({@code stream.reconnect} …), and the type reaches an
 * SSE field line, so it must never hold a line break.
 */
public final class EventTypes {
    /** The namespace of producer-defined event types. */
    public static final String EXTENSION_PREFIX = "x.";
    /** The namespace of the relay's own events; no producer may use it. */
    public static final String RELAY_PREFIX = "stream.";
    /**
     * The type the relay delivers instead of one outside the vocabulary (a record written to Kafka by something other
     * than ingest). Not producible itself, so a client that sees it knows the relay replaced the original.
     */
    public static final String REPLACED = "invalid_event";

    private static final Pattern EXTENSION = Pattern.compile("x\\.[a-z0-9][a-z0-9._-]{0,62}");

    private EventTypes() {
    }

    /** Whether a producer may write an event of this type: a known type or a well-formed {@code x.} extension. */
    public static boolean isProducible(String type) {
        return type != null && (EventType.fromWireName(type).isPresent() || EXTENSION.matcher(type).matches());
    }

    /**
     * Checks that a producer may write an event of this type.
     *
     * @return the type, unchanged
     * @throws InvalidEventTypeException naming what is wrong with it; the message quotes the type JSON-escaped and
     *                                   shortened, so it is safe to log or return
     */
    public static String checkProducible(String type) {
        if (isProducible(type)) {
            return type;
        }
        String shown = quote(type);
        if (type == null || type.isEmpty()) {
            throw new InvalidEventTypeException("the event type must be a non-empty string");
        }
        if (type.startsWith(RELAY_PREFIX)) {
            throw new InvalidEventTypeException("event type " + shown + " is reserved: '" + RELAY_PREFIX
                    + "' events come from the relay only");
        }
        if (type.startsWith(EXTENSION_PREFIX)) {
            throw new InvalidEventTypeException("extension event type " + shown + " must be 'x.' followed by 1 to 63 "
                    + "characters of a-z 0-9 . _ - starting with a letter or digit");
        }
        throw new InvalidEventTypeException("unknown event type " + shown + "; the known types are "
                + knownNames() + ", and extensions are named 'x.<name>'");
    }

    /** The type as a short JSON string literal: control characters escaped, at most 80 characters shown. */
    public static String quote(String type) {
        if (type == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(type.length(), 80);
        for (int i = 0; i < shown; i++) {
            char c = type.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(type.length() > shown ? "…\"" : "\"").toString();
    }

    private static String knownNames() {
        StringBuilder names = new StringBuilder();
        for (EventType t : EventType.values()) {
            names.append(names.length() == 0 ? "" : ", ").append(t.wireName());
        }
        return names.toString();
    }
}
