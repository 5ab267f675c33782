package tokenstream.replay;

import java.time.Duration;
import java.util.List;

/**
 * Hands events to a sink at their original pace divided by {@code speed}: event {@code i} is due
 * {@code (timestamp_i - timestamp_0) / speed} after the first. Each due time is measured from the start, not
 * from the previous event, so small delays never add up to drift. Speed {@link #AS_FAST_AS_POSSIBLE} does not
 * wait at all.
 */
public final class Replayer {
    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

    private Replayer() {
    }

    public static void replay(List<ReplayedEvent> events, double speed, EventSink sink) throws InterruptedException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, got " + speed);
        }
        if (events.isEmpty()) {
            return;
        }
        long firstEventMillis = events.get(0).event().timestamp().toEpochMilli();
        long startNanos = System.nanoTime();
        for (ReplayedEvent event : events) {
            if (speed != AS_FAST_AS_POSSIBLE) {
                long offsetMillis = event.event().timestamp().toEpochMilli() - firstEventMillis;
                long dueNanos = startNanos + (long) (Duration.ofMillis(offsetMillis).toNanos() / speed);
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                }
            }
            sink.accept(event);
        }
    }
}
