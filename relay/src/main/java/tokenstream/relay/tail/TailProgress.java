package tokenstream.relay.tail;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** What the shared tail has done so far, across its consumer sessions: for readiness, liveness and metrics. */
final class TailProgress {
    private final CountDownLatch ready = new CountDownLatch(1);
    private final LongAdder replacedTypes = new LongAdder();
    private volatile long lastPollMillis;
    private volatile long lagRecords;

    TailProgress(long startMillis) {
        this.lastPollMillis = startMillis;
    }

    void polled(long nowMillis, long lag) {
        lastPollMillis = nowMillis;
        lagRecords = lag;
    }

    void polledAt(long nowMillis) {
        lastPollMillis = nowMillis;
    }

    void caughtUp() {
        ready.countDown();
    }

    void replacedType() {
        replacedTypes.increment();
    }

    boolean isReady() {
        return ready.getCount() == 0;
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long lastPollMillis() {
        return lastPollMillis;
    }

    long lagRecords() {
        return lagRecords;
    }

    long replacedTypes() {
        return replacedTypes.sum();
    }
}
