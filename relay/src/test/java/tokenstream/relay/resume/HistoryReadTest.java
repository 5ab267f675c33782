package tokenstream.relay.resume;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.relay.core.RecordingSink;
import tokenstream.relay.core.ResumePlan;
import tokenstream.relay.core.ResumePlan.HistoryStart;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.tail.ChunkRecord;
import tokenstream.relay.tail.MockChunksTopic;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.relay.tail.MockChunksTopic.record;
import static tokenstream.relay.tail.MockChunksTopic.tp;

/** A catch-up read on Kafka's {@code MockConsumer}: the conversation's records up to the live seam, then live. */
class HistoryReadTest {
    private final RecordingSink sink = new RecordingSink();
    private final Subscription<ChunkRecord> subscription = new Subscription<>("a", 0, 64, sink);
    private final MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(1);

    /** Offsets 0..5 on partition 0: conversation a at 0, 2, 3, 5; b at 1, 4. */
    HistoryReadTest() {
        consumer.assign(List.of(tp(0)));
        for (long offset = 0; offset < 6; offset++) {
            consumer.produce(record(0, offset, offset == 1 || offset == 4 ? "b" : "a", "text.delta", 0));
        }
        consumer.assign(List.of());
    }

    private void read(long liveFrom, HistoryStart start) {
        new HistoryRead(MockChunksTopic.TOPIC, subscription, new ResumePlan.CatchUp<>(liveFrom, start)).accept(consumer);
    }

    private List<Long> delivered() {
        return subscription.drain(100).stream().map(ChunkRecord::offset).toList();
    }

    @Test
    void readsTheConversationsRecordsFromThePositionUpToTheSeamThenGoesLive() {
        read(5, new HistoryStart.AtOffset(2));
        assertEquals(List.of(2L, 3L), delivered());
        assertEquals(Subscription.State.LIVE, subscription.state());
    }

    @Test
    void fromStartReadsFromTheLogStart() {
        consumer.updateBeginningOffsets(Map.of(tp(0), 1L));
        read(5, new HistoryStart.AtLogStart());
        assertEquals(List.of(2L, 3L), delivered());
    }

    @Test
    void fromATimeReadsFromTheOffsetKafkaFindsForIt() {
        consumer.offsetsForTimes.put(tp(0), 3L);
        read(6, new HistoryStart.AtTime(1_000));
        assertEquals(List.of(3L, 5L), delivered());
    }

    @Test
    void aPositionBelowTheLogStartEndsTheStreamNamingTheEarliest() {
        consumer.updateBeginningOffsets(Map.of(tp(0), 3L));
        read(5, new HistoryStart.AtOffset(1));
        assertEquals(List.of(new EventId(0, 3)), sink.expired);
        assertEquals(List.of(), delivered());
    }

    @Test
    void aClientThatLeftBeforeTheReadGetsNoRead() {
        subscription.close();
        read(5, new HistoryStart.AtOffset(0));
        assertEquals(0, consumer.assignment().size());
        assertEquals(List.of(), sink.unavailable);
    }

    @Test
    void aFailedKafkaCallAsksTheClientToReconnect() {
        consumer.setOffsetsException(new org.apache.kafka.common.errors.TimeoutException("broker away"));
        read(5, new HistoryStart.AtOffset(0));
        assertEquals(1, sink.unavailable.size());
    }
}
