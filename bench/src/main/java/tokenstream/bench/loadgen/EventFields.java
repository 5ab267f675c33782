package tokenstream.bench.loadgen;

import java.time.Instant;
import java.time.LocalDate;

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
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the form every producer here writes, read digit by digit:
     * {@link Instant#parse} took 14 % of the generator's CPU in a profile, time it then took from the server it
     * measures. Anything else goes to {@link Instant#parse}.
     */
    static long epochMicros(String timestamp) {
        int length = timestamp.length();
        if (length < 20 || timestamp.charAt(4) != '-' || timestamp.charAt(7) != '-' || timestamp.charAt(10) != 'T'
                || timestamp.charAt(13) != ':' || timestamp.charAt(16) != ':' || timestamp.charAt(length - 1) != 'Z') {
            return slowEpochMicros(timestamp);
        }
        int year = digits(timestamp, 0, 4);
        int month = digits(timestamp, 5, 2);
        int day = digits(timestamp, 8, 2);
        int hour = digits(timestamp, 11, 2);
        int minute = digits(timestamp, 14, 2);
        int second = digits(timestamp, 17, 2);
        long fractionMicros = 0;
        if (length > 20) {
            if (timestamp.charAt(19) != '.' || length > 30) {
                return slowEpochMicros(timestamp);
            }
            int fractionDigits = length - 21;
            int fraction = digits(timestamp, 20, fractionDigits);
            if (fraction < 0) {
                return slowEpochMicros(timestamp);
            }
            // Scale to nine digits, then down to microseconds.
            long nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
            fractionMicros = nanos / 1_000;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 23 || minute > 59 || second > 59) {
            return slowEpochMicros(timestamp);
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second;
        return epochSecond * 1_000_000L + fractionMicros;
    }

    /** The decimal number in {@code count} characters from {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String text, int from, int count) {
        if (count < 1) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static long slowEpochMicros(String timestamp) {
        Instant instant = Instant.parse(timestamp);
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
