package tokenstream.bench.loadgen;

import org.junit.jupiter.api.Test;

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

    @Test
    void timestampsAreCutToMicroseconds() {
        assertEquals(1_795_687_200_123_456L, EventFields.epochMicros("2026-11-26T10:00:00.123456789Z"));
    }

    @Test
    void timestampWithAnOffsetIsReadByInstantParse() {
        assertEquals(Instant.parse("2026-12-05T21:03:01+01:00").getEpochSecond() * 1_000_000L,
                EventFields.epochMicros("2026-12-05T21:03:01+01:00"));
    }
}
