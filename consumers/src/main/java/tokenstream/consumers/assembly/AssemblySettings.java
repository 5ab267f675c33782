package tokenstream.consumers.assembly;

import java.time.Duration;

/**
 * Everything the response-assembly topology needs to know, so that it is built the same way under Quarkus,
 * under {@code TopologyTestDriver} and in a plain Kafka Streams JVM.
 *
 * @param chunksTopic          read: every event of every response, key = conversation id
 * @param responsesTopic       written: assembled responses, key = conversation id/response id (compacted)
 * @param deadLetterTopic      written: chunks records that are not valid events
 * @param statsTopic           written: per-model statistics per window, key = {@code model@window-start}
 * @param abandonAfter         an in-progress response with no record for this long (wall clock) is abandoned
 * @param abandonCheckInterval how often (wall clock) open responses are checked against {@code abandonAfter}
 * @param statsWindow          size of the tumbling windows of the statistics, by response start time
 */
public record AssemblySettings(String chunksTopic, String responsesTopic, String deadLetterTopic, String statsTopic,
                               Duration abandonAfter, Duration abandonCheckInterval, Duration statsWindow) {
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(2);
    public static final Duration DEFAULT_ABANDON_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATS_WINDOW = Duration.ofMinutes(1);

    public AssemblySettings {
        if (abandonAfter.isNegative() || abandonAfter.isZero()) {
            throw new IllegalArgumentException("abandon-after must be positive, got " + abandonAfter);
        }
        if (abandonCheckInterval.isNegative() || abandonCheckInterval.isZero()) {
            throw new IllegalArgumentException("abandon-check-interval must be positive, got " + abandonCheckInterval);
        }
        if (statsWindow.toMillis() <= 0) {
            throw new IllegalArgumentException("stats-window must be at least 1ms, got " + statsWindow);
        }
    }

    /** The given topics with the default timeouts and window. */
    public static AssemblySettings of(String chunksTopic, String responsesTopic, String deadLetterTopic,
                                      String statsTopic) {
        return new AssemblySettings(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, DEFAULT_ABANDON_AFTER,
                DEFAULT_ABANDON_CHECK_INTERVAL, DEFAULT_STATS_WINDOW);
    }

    public AssemblySettings withAbandonAfter(Duration after, Duration checkInterval) {
        return new AssemblySettings(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, after, checkInterval,
                statsWindow);
    }
}
