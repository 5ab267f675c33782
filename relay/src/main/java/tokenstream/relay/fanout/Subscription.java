package tokenstream.relay.fanout;

import tokenstream.relay.tail.ChunkRecord;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One client's view of one conversation: a bounded queue of records in offset order.
 *
 * <p>Records arrive from two places: the catch-up reader (history, read from Kafka or memory) and the
 * shared tail (live). While catching up, live records are held aside and released when the catch-up
 * reaches the tail's position. Every record at or below the last queued offset is dropped, so the seam
 * between history and live can neither lose nor repeat an event.
 */
public final class Subscription {
    private final String conversationId;
    private final int partition;
    private final int capacity;
    private final SubscriberSink sink;
    private final ArrayDeque<ChunkRecord> queue = new ArrayDeque<>();
    private List<ChunkRecord> heldLive = new ArrayList<>();
    private boolean catchingUp = true;
    private long lastQueuedOffset = -1;
    private boolean drainScheduled;
    private boolean closed;
    private volatile long liveFromOffset = Long.MAX_VALUE;

    public Subscription(String conversationId, int partition, int capacity, SubscriberSink sink) {
        this.conversationId = conversationId;
        this.partition = partition;
        this.capacity = capacity;
        this.sink = sink;
    }

    public String conversationId() {
        return conversationId;
    }

    public int partition() {
        return partition;
    }

    /** Records at or after this offset reach the subscription live from the tail. */
    public long liveFromOffset() {
        return liveFromOffset;
    }

    public void liveFrom(long offset) {
        liveFromOffset = offset;
    }

    /** Skips history: the client has everything up to {@code lastSeenOffset}, serve the tail from there. */
    public void startLive(long lastSeenOffset) {
        List<ChunkRecord> held;
        synchronized (this) {
            if (closed) {
                return;
            }
            lastQueuedOffset = Math.max(lastQueuedOffset, lastSeenOffset);
            held = heldLive;
            heldLive = null;
            catchingUp = false;
        }
        held.forEach(record -> queue(record, true));
    }

    /** A live record from the shared tail. */
    public void offerLive(ChunkRecord record) {
        synchronized (this) {
            if (catchingUp) {
                if (heldLive.size() >= capacity) {
                    closeAsOverflowed();
                    return;
                }
                heldLive.add(record);
                return;
            }
        }
        queue(record, true);
    }

    /**
     * A historical record, in offset order. History is not held to the queue's capacity (the window's
     * records are already in memory, and a Kafka reader waits for room with {@link #awaitRoom}), so a
     * long history never makes a client look slow.
     */
    public void offerHistory(ChunkRecord record) {
        queue(record, false);
    }

    /**
     * Waits until the queue has room for more history.
     *
     * @return false if the client took nothing for {@code timeoutMillis}; it is then ended as slow
     */
    public synchronized boolean awaitRoom(long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!closed && queue.size() >= capacity) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                closeAsOverflowed();
                return false;
            }
            wait(left);
        }
        return !closed;
    }

    /** The catch-up reader reached the tail's position: release what the tail delivered meanwhile. */
    public void finishCatchUp() {
        startLive(-1);
    }

    /** Up to {@code max} queued records, for the connection to write. */
    public synchronized List<ChunkRecord> drain(int max) {
        List<ChunkRecord> batch = new ArrayList<>(Math.min(max, queue.size()));
        while (batch.size() < max && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        if (queue.isEmpty()) {
            drainScheduled = false;
        }
        if (!batch.isEmpty()) {
            notifyAll();
        }
        return batch;
    }

    /** Marks the drain as scheduled again; the connection calls it when it stops early (socket full). */
    public synchronized void drainPending() {
        drainScheduled = true;
    }

    public synchronized int queued() {
        return queue.size();
    }

    public synchronized boolean isCatchingUp() {
        return catchingUp;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** The client is gone; stop accepting records. */
    public synchronized void close() {
        closed = true;
        notifyAll();
        queue.clear();
        heldLive = null;
    }

    public SubscriberSink sink() {
        return sink;
    }

    private void queue(ChunkRecord record, boolean bounded) {
        boolean wake;
        synchronized (this) {
            if (closed || record.offset() <= lastQueuedOffset) {
                return;
            }
            if (bounded && queue.size() >= capacity) {
                closeAsOverflowed();
                return;
            }
            queue.add(record);
            lastQueuedOffset = record.offset();
            wake = !drainScheduled;
            drainScheduled = true;
        }
        if (wake) {
            sink.wakeUp();
        }
    }

    private void closeAsOverflowed() {
        // Called with the lock held; the sink hops to the connection's thread, so no lock-order issue.
        if (!closed) {
            closed = true;
            heldLive = null;
            notifyAll();
            sink.overflow();
        }
    }
}
