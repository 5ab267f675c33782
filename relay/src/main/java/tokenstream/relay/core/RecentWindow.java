package tokenstream.relay.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent records of one partition, kept in memory so that most resumes never touch Kafka.
 *
 * <p>It holds every record of the partition from {@link #coveredFrom()} up to the tail's position,
 * bounded by bytes and by age; the oldest records leave first. Records are also indexed by
 * conversation, so serving a resume costs the conversation's own records, not a scan of the partition.
 * Not thread-safe: its {@link PartitionFeed}'s lock guards it.
 */
public final class RecentWindow<R extends RelayRecord> {
    /** Rough per-record overhead beyond the payload bytes: record object, key string, deque slots. */
    static final int RECORD_OVERHEAD_BYTES = 160;

    private final long maxBytes;
    private final long maxAgeMillis;
    private final ArrayDeque<R> records = new ArrayDeque<>();
    private final Map<String, ArrayDeque<R>> byConversation = new HashMap<>();
    private long bytes;
    private long coveredFrom;

    public RecentWindow(long maxBytes, long maxAgeMillis, long startOffset) {
        this.maxBytes = maxBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.coveredFrom = startOffset;
    }

    /** Adds the tail's next record and evicts what no longer fits. */
    public void append(R record, long nowMillis) {
        records.addLast(record);
        byConversation.computeIfAbsent(record.conversationId(), id -> new ArrayDeque<>()).addLast(record);
        bytes += sizeOf(record);
        evict(nowMillis);
    }

    /** Evicts records older than the age bound; the tail calls it even when no records arrive. */
    public void evict(long nowMillis) {
        while (!records.isEmpty() && (bytes > maxBytes || records.peekFirst().timestampMillis() < nowMillis - maxAgeMillis)) {
            removeOldest();
        }
    }

    private void removeOldest() {
        R oldest = records.pollFirst();
        bytes -= sizeOf(oldest);
        ArrayDeque<R> own = byConversation.get(oldest.conversationId());
        own.pollFirst();
        if (own.isEmpty()) {
            byConversation.remove(oldest.conversationId());
        }
        coveredFrom = oldest.offset() + 1;
    }

    /**
     * The conversation's records from {@code fromOffset} (inclusive) to the window's end, or empty when
     * the window no longer holds everything from that offset (the caller then reads Kafka). The list is
     * a copy: what the window evicts later does not change it.
     */
    public Optional<List<R>> recordsFrom(String conversationId, long fromOffset) {
        if (fromOffset < coveredFrom) {
            return Optional.empty();
        }
        ArrayDeque<R> own = byConversation.get(conversationId);
        if (own == null) {
            return Optional.of(List.of());
        }
        List<R> result = new ArrayList<>();
        Iterator<R> newestFirst = own.descendingIterator();
        while (newestFirst.hasNext()) {
            R record = newestFirst.next();
            if (record.offset() < fromOffset) {
                break;
            }
            result.add(record);
        }
        Collections.reverse(result);
        return Optional.of(result);
    }

    /**
     * Drops records below Kafka's log start (retention or deleted records), so the window never serves
     * a position Kafka itself no longer has: such a position gets the same typed answer everywhere.
     */
    public void dropBefore(long logStartOffset) {
        while (!records.isEmpty() && records.peekFirst().offset() < logStartOffset) {
            removeOldest();
        }
        coveredFrom = Math.max(coveredFrom, logStartOffset);
    }

    /** Every record at or after this offset is in the window. */
    public long coveredFrom() {
        return coveredFrom;
    }

    public long bytes() {
        return bytes;
    }

    public int size() {
        return records.size();
    }

    private static long sizeOf(RelayRecord record) {
        return (long) record.payloadBytes() + record.conversationId().length() * 2L + RECORD_OVERHEAD_BYTES;
    }
}
