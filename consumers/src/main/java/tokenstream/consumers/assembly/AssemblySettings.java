package tokenstream.consumers.assembly;

import java.time.Duration;

/**
 * Everything the response-assembly topology needs to know, so that it is built the same way under Quarkus,
 * under {@code TopologyTestDriver} and in a plain Kafka Streams JVM.
 *
 * @param chunksTopic          read: every event of every response, key = conversation id; written: the terminal
 *                             event of a response whose producer is gone (abandon sweep)
 * @param responsesTopic       written: assembled responses, key = conversation id/response id (compacted)
 * @param deadLetterTopic      written: chunks records that are not valid events or cannot be processed
 * @param statsTopic           written: per-model statistics per window, key = {@code model@window-start}
 * @param abandonAfter         an in-progress response with no record for this long (wall clock) gets a terminal
 *                             {@code response.failed} on the chunks topic
 * @param abandonCheckInterval how often (wall clock) open responses are checked against {@code abandonAfter}
 * @param statsWindow          size of the tumbling windows of the statistics, by response start time
 * @param limits               how many missing seqs and how much content one response may have
 * @param maxRecordBytes       the largest audit record value published; must stay below the producer's
 *                             {@code max.request.size} and the responses topic's {@code max.message.bytes}
 */
public record AssemblySettings(String chunksTopic, String responsesTopic, String deadLetterTopic, String statsTopic,
                               Duration abandonAfter, Duration abandonCheckInterval, Duration statsWindow,
                               ResponseAssembler.Limits limits, int maxRecordBytes) {
    public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(3);
    public static final Duration DEFAULT_ABANDON_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATS_WINDOW = Duration.ofMinutes(1);
    /** 15 MiB: 1 MiB below the 16 MiB of the producer and the responses topic, for key, headers and batch. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 15 * 1024 * 1024;
    /** Room in an audit record for everything but text and tool calls (ids, model, error, gap list...). */
    static final int ENVELOPE_BYTES = 512 * 1024;

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
        if (maxRecordBytes <= ENVELOPE_BYTES) {
            throw new IllegalArgumentException("max-record-bytes must be above " + ENVELOPE_BYTES + ", got "
                    + maxRecordBytes);
        }
    }

    public AssemblySettings(String chunksTopic, String responsesTopic, String deadLetterTopic, String statsTopic,
                            Duration abandonAfter, Duration abandonCheckInterval, Duration statsWindow,
                            int maxGaps, int maxRecordBytes) {
        this(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, abandonAfter, abandonCheckInterval, statsWindow,
                new ResponseAssembler.Limits(maxGaps, maxRecordBytes - (long) ENVELOPE_BYTES), maxRecordBytes);
    }

    /** The given topics with the default timeouts, window and limits. */
    public static AssemblySettings of(String chunksTopic, String responsesTopic, String deadLetterTopic,
                                      String statsTopic) {
        return new AssemblySettings(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, DEFAULT_ABANDON_AFTER,
                DEFAULT_ABANDON_CHECK_INTERVAL, DEFAULT_STATS_WINDOW, ResponseAssembler.Limits.DEFAULT.maxGaps(),
                DEFAULT_MAX_RECORD_BYTES);
    }

    public AssemblySettings withAbandonAfter(Duration after, Duration checkInterval) {
        return new AssemblySettings(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, after, checkInterval,
                statsWindow, limits, maxRecordBytes);
    }

    public AssemblySettings withLimits(int maxGaps, int maxRecordBytes) {
        return new AssemblySettings(chunksTopic, responsesTopic, deadLetterTopic, statsTopic, abandonAfter,
                abandonCheckInterval, statsWindow, maxGaps, maxRecordBytes);
    }
}
