package tokenstream.relay.core;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One chunks partition as the relay serves it: who is subscribed, the recent-events window, the open responses and
 * the tail's position, kept consistent by one lock.
 *
 * <p>The tail appends each polled batch under the lock and moves the position at its end; a new subscription is
 * indexed and its plan decided under the same lock, so the records its plan takes from memory, or leaves to a
 * catch-up read, end exactly where its live delivery begins. That is what makes the seam exact.
 */
public final class PartitionFeed<R extends RelayRecord> {
    private final int partition;
    private final ReentrantLock lock = new ReentrantLock();
    private final RecentWindow<R> window;
    private final ConversationIndex<R> subscribers = new ConversationIndex<>();
    private final OpenResponses openResponses = new OpenResponses();
    private volatile long nextOffset;

    public PartitionFeed(int partition, long startOffset, long windowMaxBytes, long windowMaxAgeMillis) {
        this.partition = partition;
        this.nextOffset = startOffset;
        this.window = new RecentWindow<>(windowMaxBytes, windowMaxAgeMillis, startOffset);
    }

    public int partition() {
        return partition;
    }

    /** The tail's position: the next offset it will deliver. */
    public long nextOffset() {
        return nextOffset;
    }

    /**
     * The tail's records of one poll, in offset order: each is noted in the open responses and the window and handed
     * to its conversation's subscribers; then the window evicts what has aged out and the position moves.
     *
     * @param nextOffset the tail's position after these records (past records it skipped too)
     */
    public void append(List<R> records, long nextOffset, long nowMillis) {
        lock.lock();
        try {
            for (int i = 0; i < records.size(); i++) {
                R record = records.get(i);
                openResponses.observe(record);
                window.append(record, nowMillis);
                subscribers.dispatch(record);
            }
            window.evict(nowMillis);
            this.nextOffset = nextOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Indexes the subscription, decides how it reaches the live seam and starts it on that way: a live or
     * from-memory plan is under way when this returns; a {@link ResumePlan.CatchUp} waits for a reader.
     */
    public ResumePlan<R> subscribe(Subscription<R> subscription, StreamStart start, long nowMillis) {
        ResumePlan<R> plan;
        lock.lock();
        try {
            subscribers.add(subscription);
            plan = ResumePlan.decide(start, subscription.conversationId(), nextOffset, window,
                    start instanceof StreamStart.InProgressOrLive
                            ? openResponses.startOf(subscription.conversationId(), nowMillis)
                            : OptionalLong.empty());
        } finally {
            lock.unlock();
        }
        subscription.begin(plan);
        return plan;
    }

    /** The client left (or was ended): stop delivering to it. */
    public void unsubscribe(Subscription<R> subscription) {
        subscription.close();
        subscribers.remove(subscription);
    }

    /** Kafka's log start moved (retention, deleted records): the window forgets what Kafka no longer has. */
    public void followLogStart(long logStartOffset) {
        lock.lock();
        try {
            window.dropBefore(logStartOffset);
        } finally {
            lock.unlock();
        }
    }

    public long windowBytes() {
        lock.lock();
        try {
            return window.bytes();
        } finally {
            lock.unlock();
        }
    }

    public boolean isWatched(String conversationId) {
        return subscribers.isWatched(conversationId);
    }

    public int subscriptionCount() {
        return subscribers.subscriptionCount();
    }

    public int conversationCount() {
        return subscribers.conversationCount();
    }

    /** The open responses' ids by conversation. */
    public Map<String, List<String>> openResponseIds() {
        return openResponses.openResponseIds();
    }
}
