package tokenstream.relay.sse;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WriteCoalescingTest {
    private static final long MS = 1_000_000;
    private final WriteCoalescing fiveMillis = WriteCoalescing.of(Duration.ofMillis(5));

    @Test
    void aConnectionThatNeverWroteWritesAtOnce() {
        assertEquals(0, fiveMillis.waitNanos(0, false, 1 * MS));
    }

    @Test
    void aConnectionThatWroteWithinTheWindowWaitsForTheRestOfIt() {
        assertEquals(3 * MS, fiveMillis.waitNanos(100 * MS, true, 102 * MS));
    }

    @Test
    void aConnectionIdleForTheWholeWindowWritesAtOnce() {
        assertEquals(0, fiveMillis.waitNanos(100 * MS, true, 105 * MS));
        assertEquals(0, fiveMillis.waitNanos(100 * MS, true, 900 * MS));
    }

    @Test
    void nanoTimeWrappingPastLongMaxStillCountsTheWindow() {
        long last = Long.MAX_VALUE - MS;
        assertEquals(3 * MS, fiveMillis.waitNanos(last, true, last + 2 * MS));
    }

    @Test
    void aZeroWindowIsOff() {
        WriteCoalescing off = WriteCoalescing.of(Duration.ZERO);
        assertFalse(off.enabled());
        assertEquals(0, off.waitNanos(100 * MS, true, 100 * MS));
        assertTrue(fiveMillis.enabled());
    }

    @Test
    void aNegativeWindowIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WriteCoalescing(-1));
    }
}
