package tokenstream.relay.tail;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records the window keeps share their ids' strings, so the heap holds one per conversation and response. */
class SharedIdsTest {

    private static ConsumerRecord<String, byte[]> record(long offset, String conversation, String response, String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.RESPONSE_ID, response.getBytes(StandardCharsets.UTF_8));
        // new String: the key of each record is its own instance, as the deserializer makes it
        return new ConsumerRecord<>("tokenstream.chunks", 0, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                new String(conversation), "{}".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    @Test
    void recordsOfOneResponseShareTheirConversationResponseAndTypeStrings() {
        ChunkRecord first = ChunkRecordReader.read(record(10, "conv-sharing", "resp-sharing", "text.delta")).orElseThrow();
        ChunkRecord second = ChunkRecordReader.read(record(11, "conv-sharing", "resp-sharing", "text.delta")).orElseThrow();

        assertSame(first.conversationId(), second.conversationId());
        assertSame(first.responseId(), second.responseId());
        assertSame(EventType.TEXT_DELTA.wireName(), first.eventType());
    }

    @Test
    void anEqualIdIsAnsweredWithTheFirstInstanceSeen() {
        SharedIds ids = new SharedIds();
        String first = new String("c-1");

        assertSame(first, ids.shared(first));
        assertSame(first, ids.shared(new String("c-1")));
    }

    @Test
    void aMissingIdStaysMissing() {
        assertNull(new SharedIds().shared(null));
    }

    @Test
    void moreDistinctIdsThanItsCapacityKeepItBounded() {
        SharedIds ids = new SharedIds();
        for (int n = 0; n < SharedIds.CAPACITY * 3; n++) {
            assertEquals("id-" + n, ids.shared("id-" + n));
        }
        assertTrue(ids.size() <= SharedIds.CAPACITY, "size " + ids.size());
    }

    @Test
    void anIdLongerThanAnyTheServicesAcceptIsNotKept() {
        SharedIds ids = new SharedIds();
        String huge = "c".repeat(SharedIds.MAX_LENGTH + 1);

        assertSame(huge, ids.shared(huge));
        assertEquals(0, ids.size());
    }
}
