package tokenstream.consumers.stats;

import java.time.Instant;

/**
 * Keys of the {@value ResponseStatsProcessor#STATS_STORE} store: {@code <window start millis, 15 digits>|<model>},
 * so that the store's order is time order and then model.
 */
final class StatsKey {

    private StatsKey() {
    }

    static String of(Instant windowStart, String model) {
        return String.format("%015d|%s", windowStart.toEpochMilli(), model);
    }
}
