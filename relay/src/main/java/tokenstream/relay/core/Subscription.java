package tokenstream.relay.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One client's view of one conversation: a bounded queue of records in offset order, and where the client is on
 * its way from its requested start to the live seam.
 *
 * <p>States: {@link State#CATCHING_UP} (history is being delivered; live records from the tail are held aside),
 * {@link State#LIVE} (the tail's records go straight to the queue), and two ends: {@link State#SLOW} (the client
 * fell behind its queue and was told to resume) and {@link State#CLOSED} (the client left). Records arrive from
 * the history (memory or a catch-up read) and from the tail; every record at or below the last queued offset is
 * dropped, so the seam between history and live can neither lose nor repeat an event.
 */
public final class Subscription<R extends RelayRecord> {

    /** Where a subscription is on its way from its requested start to the live seam. */
    public enum State {
        CATCHING_UP, LIVE, SLOW, CLOSED;

        boolean ended() {
            return this == SLOW || this == CLOSED;
        }
    }

    private final String conversationId;
    private final int partition;
    private final int capacity;
    private final SubscriberSink sink;
    private final ArrayDeque<R> queue = new ArrayDeque<>();
    private List<R> heldLive = new ArrayList<>();
    private State state = State.CATCHING_UP;
    private long lastQueuedOffset = -1;
    private boolean drainScheduled;
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

    public SubscriberSink sink() {
        return sink;
    }

    /** Records at or after this offset reach the subscription live from the tail (history before it). */
    public long liveFromOffset() {
        return liveFromOffset;
    }

    /**
     * Follows the plan as far as memory goes: a live plan goes live, a plan from memory queues its records and goes
     * live; a catch-up plan stays catching up until the reader calls {@link #finishCatchUp()}.
     */
    void begin(ResumePlan<R> plan) {
        liveFromOffset = plan.liveFrom();
        if (plan instanceof ResumePlan.Live<R> live) {
            goLive(live.lastDelivered());
        } else if (plan instanceof ResumePlan.FromMemory<R> fromMemory) {
            fromMemory.records().forEach(this::offerHistory);
            finishCatchUp();
        }
    }

    /** A live record from the shared tail. */
    public void offerLive(R record) {
        synchronized (this) {
            if (state == State.CATCHING_UP) {
                if (heldLive.size() >= capacity) {
                    endAsSlow();
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
    public void offerHistory(R record) {
        queue(record, false);
    }

    /**
     * Waits until the queue has room for more history.
     *
     * @param nanoClock the reader's clock, {@code System::nanoTime}
     * @return false if the client took nothing for {@code timeoutMillis} (it is then ended as slow) or has left
     */
    public synchronized boolean awaitRoom(long timeoutMillis, LongSupplier nanoClock) throws InterruptedException {
        long deadline = nanoClock.getAsLong() + timeoutMillis * 1_000_000L;
        while (!state.ended() && queue.size() >= capacity) {
            long leftMillis = (deadline - nanoClock.getAsLong()) / 1_000_000L;
            if (leftMillis <= 0) {
                endAsSlow();
                return false;
            }
            wait(leftMillis);
        }
        return !state.ended();
    }

    /** The catch-up reached the live seam: release what the tail delivered meanwhile. */
    public void finishCatchUp() {
        goLive(-1);
    }

    /** Up to {@code max} queued records, for the connection to write. */
    public synchronized List<R> drain(int max) {
        List<R> batch = new ArrayList<>(Math.min(max, queue.size()));
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

    public synchronized State state() {
        return state;
    }

    public synchronized boolean isClosed() {
        return state.ended();
    }

    /** The client is gone; stop accepting records. */
    public synchronized void close() {
        if (!state.ended()) {
            state = State.CLOSED;
        }
        notifyAll();
        queue.clear();
        heldLive = null;
    }

    private void goLive(long lastDelivered) {
        boolean wake = false;
        synchronized (this) {
            if (state != State.CATCHING_UP) {
                return;
            }
            lastQueuedOffset = Math.max(lastQueuedOffset, lastDelivered);
            List<R> held = heldLive;
            heldLive = null;
            state = State.LIVE;
            // Queued under the same lock that made the state live: a record the tail delivers now (as live) must
            // come after these, or the dedupe rule would drop them as repeats.
            for (int i = 0; i < held.size() && !state.ended(); i++) {
                wake |= queueLocked(held.get(i), true);
            }
        }
        if (wake) {
            sink.wakeUp();
        }
    }

    private void queue(R record, boolean bounded) {
        boolean wake;
        synchronized (this) {
            wake = queueLocked(record, bounded);
        }
        if (wake) {
            sink.wakeUp();
        }
    }

    /** Queues the record unless it is a repeat; returns whether the connection must be woken. Holds the lock. */
    private boolean queueLocked(R record, boolean bounded) {
        if (state.ended() || record.offset() <= lastQueuedOffset) {
            return false;
        }
        if (bounded && queue.size() >= capacity) {
            endAsSlow();
            return false;
        }
        queue.add(record);
        lastQueuedOffset = record.offset();
        boolean wake = !drainScheduled;
        drainScheduled = true;
        return wake;
    }

    private void endAsSlow() {
        // Called with the lock held; the sink hops to the connection's thread, so no lock-order issue.
        if (!state.ended()) {
            state = State.SLOW;
            heldLive = null;
            notifyAll();
            sink.overflow();
        }
    }
}
