package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code options.cancel_when_unwatched_for}: cancel the response when no relay reported a client watching
 * it for this long (counted from its start). Off unless the request asks; server-to-server callers that
 * read the topic themselves never want it.
 */
final class UnwatchedPolicy {
    static final String OPTION = "cancel_when_unwatched_for";
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");
    private static final Duration SHORTEST = Duration.ofMillis(100);
    private static final Duration LONGEST = Duration.ofHours(24);

    private UnwatchedPolicy() {
    }

    /** @return the grace period, or null when the request sets none */
    static Duration from(ObjectNode options) {
        JsonNode value = options.get(OPTION);
        if (value == null || value.isNull()) {
            return null;
        }
        Duration grace;
        if (value.isNumber()) {
            grace = Duration.ofMillis(Math.round(value.asDouble() * 1000));
        } else {
            Matcher m = value.isTextual() ? DURATION.matcher(value.asText().trim()) : null;
            if (m == null || !m.matches()) {
                throw invalid(value.toString());
            }
            double amount = Double.parseDouble(m.group(1));
            long perUnit = m.group(2).equals("ms") ? 1 : m.group(2).equals("s") ? 1000 : 60_000;
            grace = Duration.ofMillis(Math.round(amount * perUnit));
        }
        if (grace.compareTo(SHORTEST) < 0 || grace.compareTo(LONGEST) > 0) {
            throw invalid(value.toString());
        }
        return grace;
    }

    private static InvalidGenerationRequestException invalid(String got) {
        return new InvalidGenerationRequestException("options." + OPTION
                + " must be a duration between 100ms and 24h such as \"10s\", \"500ms\", \"2m\" or a number of seconds, got " + got);
    }
}
