package tokenstream.relay.core;

import java.util.List;
import java.util.OptionalLong;

/**
 * How a new subscription gets from where its client asked to start to the live seam: the offset from which the
 * partition's tail delivers to it ({@link #liveFrom()}), and what comes before it.
 */
public sealed interface ResumePlan<R extends RelayRecord> {

    /** The live seam: records at or after this offset reach the subscription from the tail. */
    long liveFrom();

    /** Nothing before the seam: the client has everything up to {@code lastDelivered} (or wants nothing older). */
    record Live<R extends RelayRecord>(long liveFrom, long lastDelivered) implements ResumePlan<R> {
    }

    /** The recent-events window holds everything the client is missing: these records, then live. */
    record FromMemory<R extends RelayRecord>(long liveFrom, List<R> records) implements ResumePlan<R> {
    }

    /** The history is older than the window (or only Kafka knows where it begins): a catch-up read, then live. */
    record CatchUp<R extends RelayRecord>(long liveFrom, HistoryStart start) implements ResumePlan<R> {

        /**
         * What the catch-up reads once Kafka has said where the partition's log starts and, for a time, which
         * offset is the first at or after it.
         *
         * @param firstAtOrAfterTime for {@link HistoryStart.AtTime}: Kafka's answer, empty when no record is that
         *                           recent; ignored otherwise
         */
        public CatchUpRange range(long logStart, OptionalLong firstAtOrAfterTime) {
            if (start instanceof HistoryStart.AtOffset at) {
                return at.offset() < logStart ? new CatchUpRange.Expired(logStart)
                        : new CatchUpRange.Read(at.offset(), liveFrom);
            }
            if (start instanceof HistoryStart.AtTime) {
                return new CatchUpRange.Read(firstAtOrAfterTime.isPresent()
                        ? Math.max(firstAtOrAfterTime.getAsLong(), logStart) : liveFrom, liveFrom);
            }
            return new CatchUpRange.Read(logStart, liveFrom);
        }
    }

    /** Where a catch-up read begins, before Kafka has been asked. */
    sealed interface HistoryStart {
        /** At this offset (a named position, or the in-progress response's start). */
        record AtOffset(long offset) implements HistoryStart {
        }

        /** At the partition's log start. */
        record AtLogStart() implements HistoryStart {
        }

        /** At the first record at or after this time. */
        record AtTime(long epochMillis) implements HistoryStart {
        }
    }

    /** What a catch-up reads, resolved against Kafka's log. */
    sealed interface CatchUpRange {
        /** The offsets {@code [from, to)} of the partition, keeping the conversation's own records. */
        record Read(long from, long to) implements CatchUpRange {
        }

        /** The position is older than the log's start: the client is told {@code earliest} and the stream ends. */
        record Expired(long earliest) implements CatchUpRange {
        }
    }

    /**
     * Decides the plan; pure, called under the partition's lock.
     *
     * @param start           where the client asked to start
     * @param liveFrom        the tail's next offset on the partition
     * @param window          the partition's recent-events window
     * @param inProgressStart where the conversation's in-progress response started, if one is open
     */
    static <R extends RelayRecord> ResumePlan<R> decide(StreamStart start, String conversationId, long liveFrom,
                                                       RecentWindow<R> window, OptionalLong inProgressStart) {
        if (start instanceof StreamStart.Beginning) {
            // Only Kafka knows where the conversation's history begins.
            return new CatchUp<>(liveFrom, new HistoryStart.AtLogStart());
        }
        if (start instanceof StreamStart.AtTime atTime) {
            return new CatchUp<>(liveFrom, new HistoryStart.AtTime(atTime.time().toEpochMilli()));
        }
        OptionalLong firstWanted = start instanceof StreamStart.After after ? OptionalLong.of(after.eventId().offset() + 1)
                : start instanceof StreamStart.At at ? OptionalLong.of(at.eventId().offset())
                : inProgressStart;
        if (firstWanted.isEmpty() || firstWanted.getAsLong() >= liveFrom) {
            long lastDelivered = firstWanted.isPresent() ? firstWanted.getAsLong() - 1 : liveFrom - 1;
            return new Live<>(liveFrom, lastDelivered);
        }
        long first = firstWanted.getAsLong();
        return window.recordsFrom(conversationId, first)
                .<ResumePlan<R>>map(records -> new FromMemory<>(liveFrom, records))
                .orElseGet(() -> new CatchUp<>(liveFrom, new HistoryStart.AtOffset(first)));
    }
}
