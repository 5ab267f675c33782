package tokenstream.consumers.stats;

import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ResponseStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is known about the ended responses of one model that started in one window: the running totals kept
 * in the stats store. Pure; {@link #add} returns a new value.
 *
 * @param timeToFirstTokenMs one sample per response that had one, for the percentiles; at most
 *                           {@link #MAX_SAMPLES} are kept, later ones count everywhere else but here
 */
public record WindowStats(String model, Instant windowStart, Instant windowEnd, long count, long completed,
                          long failed, long cancelled, long abandoned, Map<String, Long> failuresByCode,
                          List<Long> timeToFirstTokenMs, double tokensPerSecondSum, long tokensPerSecondSamples) {
    public static final int MAX_SAMPLES = 10_000;

    public static WindowStats empty(String model, Instant windowStart, Instant windowEnd) {
        return new WindowStats(model, windowStart, windowEnd, 0, 0, 0, 0, 0, Map.of(), List.of(), 0, 0);
    }

    /** These statistics with one more ended response. */
    public WindowStats add(AssembledResponse response) {
        ResponseStatus status = response.status();
        Map<String, Long> failures = new TreeMap<>(failuresByCode);
        if (status == ResponseStatus.FAILED) {
            String code = response.error() == null ? "unknown" : response.error().code();
            failures.merge(code, 1L, Long::sum);
        }
        List<Long> samples = timeToFirstTokenMs;
        double tpsSum = tokensPerSecondSum;
        long tpsSamples = tokensPerSecondSamples;
        var timings = response.timings();
        if (timings != null && timings.timeToFirstTokenMs() != null && samples.size() < MAX_SAMPLES) {
            samples = new ArrayList<>(samples);
            samples.add(timings.timeToFirstTokenMs());
        }
        if (timings != null && timings.tokensPerSecond() != null) {
            tpsSum += timings.tokensPerSecond();
            tpsSamples++;
        }
        return new WindowStats(model, windowStart, windowEnd, count + 1,
                completed + (status == ResponseStatus.COMPLETED ? 1 : 0),
                failed + (status == ResponseStatus.FAILED ? 1 : 0),
                cancelled + (status == ResponseStatus.CANCELLED ? 1 : 0),
                abandoned + (status == ResponseStatus.ABANDONED ? 1 : 0),
                Map.copyOf(failures), List.copyOf(samples), tpsSum, tpsSamples);
    }

    /** The published form: rates and percentiles instead of raw samples. */
    public ModelWindowStats summary() {
        List<Long> sorted = new ArrayList<>(timeToFirstTokenMs);
        sorted.sort(null);
        return new ModelWindowStats(model, windowStart, windowEnd, count, completed, failed, cancelled, abandoned,
                rate(cancelled), rate(failed), new TreeMap<>(failuresByCode), percentile(sorted, 50),
                percentile(sorted, 95),
                tokensPerSecondSamples == 0 ? null : round(tokensPerSecondSum / tokensPerSecondSamples));
    }

    private double rate(long part) {
        return count == 0 ? 0 : round((double) part / count);
    }

    /** Nearest-rank percentile of an ascending list; null if it is empty. */
    static Long percentile(List<Long> ascending, int percent) {
        if (ascending.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * ascending.size());
        return ascending.get(Math.max(0, rank - 1));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
