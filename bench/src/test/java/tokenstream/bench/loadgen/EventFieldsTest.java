package tokenstream.bench.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EventFieldsTest {

    @Test
    void chunkEventYieldsResponseSeqAndTimestampInMicros() {
        EventFields fields = EventFields.of("{\"type\":\"text.delta\",\"conversation_id\":\"c\",\"response_id\":\"resp_1\","
                + "\"seq\":12,\"timestamp\":\"2026-11-26T10:00:00.123456Z\",\"text\":\" hi\"}");

        assertEquals(new EventFields("resp_1", 12, 1_795_687_200_123_456L), fields);
    }

    @Test
    void relayNoticeWithoutSeqIsNotAChunk() {
        assertFalse(EventFields.of("{\"code\":\"slow_client\",\"last_event_id\":\"1.0.3.ab\"}").isChunk());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T20:03:01Z", "2026-12-05T20:03:01.1Z", "2026-12-05T20:03:01.123Z",
            "2026-12-05T20:03:01.123456Z", "2026-12-05T20:03:01.123456789Z", "1970-01-01T00:00:00Z",
            "2028-02-29T23:59:59.999999Z"})
    void timestampsReadDigitByDigitAgreeWithInstantParse(String timestamp) {
        Instant instant = Instant.parse(timestamp);

        assertEquals(instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000, EventFields.epochMicros(timestamp));
    }

    @Test
    void timestampWithAnOffsetIsReadByInstantParse() {
        assertEquals(Instant.parse("2026-12-05T21:03:01+01:00").getEpochSecond() * 1_000_000L,
                EventFields.epochMicros("2026-12-05T21:03:01+01:00"));
    }
}
