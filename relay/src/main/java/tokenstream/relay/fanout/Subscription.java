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
        held.forEach(this::queue);
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
        queue(record);
    }

    /** A historical record from a catch-up reader, in offset order. */
    public void offerHistory(ChunkRecord record) {
        queue(record);
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
        queue.clear();
        heldLive = null;
    }

    public SubscriberSink sink() {
        return sink;
    }

    private void queue(ChunkRecord record) {
        boolean wake;
        synchronized (this) {
            if (closed || record.offset() <= lastQueuedOffset) {
                return;
            }
            if (queue.size() >= capacity) {
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
            sink.overflow();
        }
    }
}
