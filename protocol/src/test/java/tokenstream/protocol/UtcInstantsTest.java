package tokenstream.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class UtcInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T20:03:01Z", "2026-12-05T20:03:01.1Z", "2026-12-05T20:03:01.123Z",
            "2026-12-05T20:03:01.123456Z", "2026-12-05T20:03:01.123456789Z", "1970-01-01T00:00:00Z",
            "2028-02-29T23:59:59.999999Z"})
    void theFormProducersWriteReadsAsInstantParseReadsIt(String timestamp) {
        assertEquals(Instant.parse(timestamp), UtcInstants.parse(timestamp));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T21:03:01+01:00", "2026-12-05T20:03:01", "2026-02-30T00:00:00Z",
            "2026-12-05T24:00:00Z", "2026-12-05T20:03:01.Z", "2026-12-05T20:03:01.1234567890Z", "+12026-12-05T20:03:01Z",
            "2026-12-05 20:03:01Z", "2026-1x-05T20:03:01Z"})
    void anyOtherFormIsLeftToTheCaller(String timestamp) {
        assertNull(UtcInstants.parse(timestamp));
    }

    @Test
    void aLeapSecondIsLeftToTheCaller() {
        assertNull(UtcInstants.parse("2016-12-31T23:59:60Z"));
    }
}
