package tokenstream.relay.sse;

import io.vertx.core.Context;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The connections of one event loop that have events to write. One Kafka record watched by thousands of clients
 * would otherwise cost one task per client on the event loops; here the tail's thread queues the connections and
 * each loop runs one task that drains all of its connections queued meanwhile.
 */
final class LoopWakeUps {
    // Per event-loop thread: Quarkus gives each request a duplicated context of its own, so the context cannot
    // identify the loop, and a context's own map is closed to applications.
    private static final ThreadLocal<LoopWakeUps> OF_THIS_LOOP = new ThreadLocal<>();

    private final Context context;
    private final ConcurrentLinkedQueue<SseConnection> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

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

    private void run() {
        // Cleared first: a connection queued while this task runs either is polled below or schedules a new task.
        scheduled.set(false);
        SseConnection connection;
        while ((connection = pending.poll()) != null) {
            connection.drain();
        }
    }
}
