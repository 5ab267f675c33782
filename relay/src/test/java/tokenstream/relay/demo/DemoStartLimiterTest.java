package tokenstream.relay.demo;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The token bucket behind the demo start limit, on a clock the test moves. */
class DemoStartLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void aBurstOfTheLimitThenRefusedWithTheSecondsUntilTheNextStart() {
        DemoStartLimiter limiter = new DemoStartLimiter(10, Duration.ofMinutes(1), 100, now::get);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryStart("198.51.100.1"), "start " + (i + 1));
        }

        assertEquals(6, limiter.tryStart("198.51.100.1"));
    }

    @Test
    void oneStartComesBackEveryWindowDividedByTheLimit() {
        DemoStartLimiter limiter = new DemoStartLimiter(10, Duration.ofMinutes(1), 100, now::get);
        for (int i = 0; i < 10; i++) {
            limiter.tryStart("198.51.100.1");
        }
        now.addAndGet(Duration.ofSeconds(6).toNanos());

        assertEquals(0, limiter.tryStart("198.51.100.1"));
        assertTrue(limiter.tryStart("198.51.100.1") > 0);
    }

    @Test
    void rotatingAddressesNeverGrowTheMemoryBeyondTheTrackedCount() {
        DemoStartLimiter limiter = new DemoStartLimiter(10, Duration.ofMinutes(1), 100, now::get);
        for (int i = 0; i < 100_000; i++) {
            limiter.tryStart("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }

        assertEquals(100, limiter.trackedAddresses());
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareALimit() {
        DemoStartLimiter limiter = new DemoStartLimiter(2, Duration.ofMinutes(1), 100, now::get);
        assertEquals(0, limiter.tryStart("2001:db8:1:2::1"));
        assertEquals(0, limiter.tryStart("2001:db8:1:2:ffff::9"));

        assertTrue(limiter.tryStart("[2001:db8:1:2::abcd]") > 0);
        assertEquals(0, limiter.tryStart("2001:db8:1:3::1"));
    }
}
