package tokenstream.bench.loadgen;

import tokenstream.protocol.UtcInstants;

import java.time.Instant;

/**
 * The three fields of an event's JSON the load generator needs, read by scanning the text instead of parsing a
 * tree: at tens of thousands of events a second the generator's own CPU is the scarce resource.
 *
 * @param responseId      {@code response_id}, or null if absent (the relay's own {@code stream.*} events)
 * @param seq             {@code seq}, or -1 if absent
 * @param timestampMicros {@code timestamp} in microseconds since the epoch, or -1 if absent
 */
public record EventFields(String responseId, long seq, long timestampMicros) {

    public boolean isChunk() {
        return responseId != null && seq >= 0;
    }

    public static EventFields of(String json) {
        String responseId = stringField(json, "\"response_id\":\"");
        long seq = numberField(json, "\"seq\":");
        String timestamp = stringField(json, "\"timestamp\":\"");
        return new EventFields(responseId, seq, timestamp == null ? -1 : epochMicros(timestamp));
    }

    /**
     * Microseconds since the epoch. {@link UtcInstants} reads the form every producer here writes digit by digit:
     * {@link Instant#parse} took 14 % of the generator's CPU in a profile, time it then took from the server it
     * measures. Anything else goes to {@link Instant#parse}.
     */
    static long epochMicros(String timestamp) {
        Instant instant = UtcInstants.parse(timestamp);
        if (instant == null) {
            instant = Instant.parse(timestamp);
        }
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    private static String stringField(String json, String prefix) {
        int start = json.indexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    private static long numberField(String json, String prefix) {
        int start = json.indexOf(prefix);
        if (start < 0) {
            return -1;
        }
        int i = start + prefix.length();
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        long value = 0;
        boolean any = false;
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            any = true;
        }
        return any ? value : -1;
    }
}
