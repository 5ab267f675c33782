package tokenstream.relay.sse;

import java.time.Duration;

/**
 * When a connection's queued events go out. A connection that wrote nothing within the window writes at once, so
 * an idle stream pays no latency; one that wrote recently waits until the window since that write has passed, so
 * the events that arrive meanwhile share one write. A write to a socket costs several microseconds of CPU whatever
 * it carries, and a broadcast repeats it for every client: fewer, fuller writes are what lets one core serve more.
 */
record WriteCoalescing(long windowNanos) {
    static final WriteCoalescing OFF = new WriteCoalescing(0);

    WriteCoalescing {
        if (windowNanos < 0) {
            throw new IllegalArgumentException("the coalescing window cannot be negative");
        }
    }

    static WriteCoalescing of(Duration window) {
        return new WriteCoalescing(window.toNanos());
    }

    boolean enabled() {
        return windowNanos > 0;
    }

    /**
     * How long to wait before the next write, in nanoseconds: 0 to write now.
     *
     * @param lastWriteNanos {@link System#nanoTime()} of the connection's last write of events
     * @param wroteBefore    whether it wrote any events yet (a new connection is idle)
     */
    long waitNanos(long lastWriteNanos, boolean wroteBefore, long nowNanos) {
        if (!wroteBefore || windowNanos == 0) {
            return 0;
        }
        long wait = lastWriteNanos + windowNanos - nowNanos;
        return Math.max(0, wait);
    }
}
