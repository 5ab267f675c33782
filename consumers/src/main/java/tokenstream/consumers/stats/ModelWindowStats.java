package tokenstream.consumers.stats;

import java.time.Instant;
import java.util.Map;

/**
 * Statistics of one model's responses that started in one window: the value of the response-stats topic and
 * an element of {@code GET /v1/stats}. Rates are fractions of {@code count} (0..1); time to first token is in
 * milliseconds; tokens per second is the mean over responses that had a rate.
 */
public record ModelWindowStats(String model, Instant windowStart, Instant windowEnd, long count, long completed,
                               long failed, long cancelled, long abandoned, double cancelRate, double failureRate,
                               Map<String, Long> failuresByCode, Long timeToFirstTokenP50Ms,
                               Long timeToFirstTokenP95Ms, Double tokensPerSecond) {
}
