package tokenstream.relay.sse;

import io.vertx.core.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections of one event loop that have events to write. One Kafka record watched by thousands of clients
 * would otherwise cost one task per client on the event loops; here the tail's thread queues the connections and
 * each loop runs one task that drains all of its connections queued meanwhile. Connections that hold their events
 * back to coalesce writes ({@link WriteCoalescing}) wait here too, under one timer per loop rather than one each.
 */
final class LoopWakeUps {
    // Per event-loop thread: Quarkus gives each request a duplicated context of its own, so the context cannot
    // identify the loop, and a context's own map is closed to applications.
    private static final ThreadLocal<LoopWakeUps> OF_THIS_LOOP = new ThreadLocal<>();

    private final Context context;
    private final ConcurrentLinkedQueue<SseConnection> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    // Loop thread only.
    private List<SseConnection> held = new ArrayList<>();
    private long timerDueNanos;
    private boolean timerArmed;

    private LoopWakeUps(Context context) {
        this.context = context;
    }

    /**
     * The wake-ups of the current event loop; call it on the loop, with a context of it (any context on the same
     * loop runs a task on the same thread).
     */
    static LoopWakeUps ofThisLoop(Context context) {
        if (!Context.isOnEventLoopThread()) {
            return new LoopWakeUps(context);
        }
        LoopWakeUps wakeUps = OF_THIS_LOOP.get();
        if (wakeUps == null) {
            wakeUps = new LoopWakeUps(context);
            OF_THIS_LOOP.set(wakeUps);
        }
        return wakeUps;
    }

    /** Drains {@code connection} on its loop soon; any thread. */
    void wake(SseConnection connection) {
        pending.add(connection);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> run());
        }
    }

    /**
     * Drains {@code connection} again once {@code waitNanos} have passed; on the loop. Every connection held meanwhile
     * is looked at when the timer fires: those not yet due hold again, which costs less than a timer each.
     */
    void hold(SseConnection connection, long waitNanos) {
        held.add(connection);
        long due = System.nanoTime() + waitNanos;
        if (timerArmed && due - timerDueNanos >= 0) {
            return;
        }
        timerArmed = true;
        timerDueNanos = due;
        // Vert.x timers have millisecond resolution: round up, so a connection is never looked at before it is due.
        long delayMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
        context.owner().setTimer(delayMillis, id -> releaseHeld());
    }

    private void releaseHeld() {
        timerArmed = false;
        List<SseConnection> due = held;
        held = new ArrayList<>();
        for (SseConnection connection : due) {
            connection.drain();
        }
    }

    private void run() {
        // Cleared first: a connection queued while this task runs either is polled below or schedules a new task.
        scheduled.set(false);
        SseConnection connection;
        while ((connection = pending.poll()) != null) {
            connection.drain();
        }
    }
}
