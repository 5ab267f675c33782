package tokenstream.relay.tail;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventTypes;
import tokenstream.relay.core.RecordingSink;
import tokenstream.relay.core.ResumePlan;
import tokenstream.relay.core.StreamStart;
import tokenstream.relay.core.Subscription;
import tokenstream.relay.core.TopicFeed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.tail.MockChunksTopic.record;
import static tokenstream.relay.tail.MockChunksTopic.tp;

/** The shared tail's Kafka side on Kafka's {@code MockConsumer}: assignment, warm-up, polling, log start, lag. */
class TailLoopTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final TailLoop.Settings SETTINGS = new TailLoop.Settings(MockChunksTopic.TOPIC, Duration.ofMinutes(5),
            1 << 20, 60_000, partition -> true);

    private final long[] clock = {NOW};
    private final TailProgress progress = new TailProgress(0);

    private TailLoop session(MockChunksTopic.Consumer consumer) {
        return new TailLoop(consumer, SETTINGS, progress, () -> clock[0]);
    }

    private static List<Long> offsets(Subscription<ChunkRecord> subscription) {
        return subscription.drain(100).stream().map(ChunkRecord::offset).toList();
    }

    private static Subscription<ChunkRecord> watch(TopicFeed<ChunkRecord> feed, int partition, String conversation,
                                                   StreamStart start) {
        Subscription<ChunkRecord> subscription = new Subscription<>(conversation, partition, 64, new RecordingSink());
        feed.partition(partition).subscribe(subscription, start, NOW);
        return subscription;
    }

    @Test
    void theFirstSessionStartsTheWarmupBackInTimeOrAtTheEnd() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(2);
        consumer.updateEndOffsets(Map.of(tp(0), 7L, tp(1), 3L));
        consumer.offsetsForTimes.put(tp(0), 4L);
        TopicFeed<ChunkRecord> feed = session(consumer).start(null).orElseThrow();
        assertEquals(4, consumer.position(tp(0)));
        assertEquals(3, consumer.position(tp(1)), "nothing that recent: the end");
        assertEquals(4, feed.partition(0).nextOffset());
        assertEquals(3, feed.partition(1).nextOffset());
    }

    @Test
    void polledRecordsReachTheSubscribersOfTheirConversationFramed() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(2);
        TailLoop session = session(consumer);
        TopicFeed<ChunkRecord> feed = session.start(null).orElseThrow();
        Subscription<ChunkRecord> a = watch(feed, 1, "a", new StreamStart.InProgressOrLive());
        consumer.produce(record(1, 0, "a", "text.delta", NOW), record(1, 1, "b", "text.delta", NOW),
                record(1, 2, "a", "text.delta", NOW));
        session.pollOnce(Duration.ZERO);
        List<ChunkRecord> delivered = a.drain(100);
        assertEquals(List.of(0L, 2L), delivered.stream().map(ChunkRecord::offset).toList());
        assertTrue(new String(delivered.get(0).frameBytes(), StandardCharsets.UTF_8)
                .startsWith("id: " + new EventId(1, 0).encode() + "\nevent: text.delta\ndata: {"));
        assertEquals(3, feed.partition(1).nextOffset());
    }

    @Test
    void theTailIsReadyOnceItHasReadToWhereTheTopicEndedWhenItStarted() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(1);
        consumer.assign(List.of(tp(0)));
        consumer.produce(record(0, 0, "a", "text.delta", NOW), record(0, 1, "a", "text.delta", NOW));
        consumer.offsetsForTimes.put(tp(0), 0L);
        TailLoop session = session(consumer);
        session.start(null).orElseThrow();
        assertFalse(progress.isReady());
        consumer.setMaxPollRecords(1);
        session.pollOnce(Duration.ZERO);
        assertFalse(progress.isReady(), "one record behind the end at start");
        session.pollOnce(Duration.ZERO);
        assertTrue(progress.isReady());
    }

    @Test
    void lagIsTheRecordsBetweenTheTailAndTheEndOfTheTopic() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(2);
        TailLoop session = session(consumer);
        session.start(null).orElseThrow();
        consumer.setMaxPollRecords(1);
        consumer.produce(record(0, 0, "a", "text.delta", NOW), record(0, 1, "a", "text.delta", NOW),
                record(0, 2, "a", "text.delta", NOW));
        session.pollOnce(Duration.ZERO);
        assertEquals(2, progress.lagRecords());
        assertEquals(NOW, progress.lastPollMillis());
    }

    @Test
    void theWindowFollowsKafkasLogStartSoAPositionRetentionRemovedExpires() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(1);
        TailLoop session = session(consumer);
        TopicFeed<ChunkRecord> feed = session.start(null).orElseThrow();
        consumer.produce(record(0, 0, "a", "text.delta", NOW), record(0, 1, "a", "text.delta", NOW),
                record(0, 2, "a", "text.delta", NOW));
        session.pollOnce(Duration.ZERO);
        consumer.updateBeginningOffsets(Map.of(tp(0), 2L));
        clock[0] += TailLoop.LOG_START_CHECK_MILLIS;
        session.pollOnce(Duration.ZERO);
        Subscription<ChunkRecord> late = new Subscription<>("a", 0, 64, new RecordingSink());
        ResumePlan<ChunkRecord> plan = feed.partition(0).subscribe(late, new StreamStart.After(new EventId(0, 0)), NOW);
        ResumePlan.CatchUp<?> catchUp = assertInstanceOf(ResumePlan.CatchUp.class, plan);
        assertEquals(new ResumePlan.CatchUpRange.Expired(2), catchUp.range(2, java.util.OptionalLong.empty()));
    }

    @Test
    void aLaterSessionContinuesWhereThePreviousStoppedWithoutWarmingUpAgain() {
        MockChunksTopic.Consumer first = new MockChunksTopic.Consumer(1);
        TailLoop firstSession = session(first);
        TopicFeed<ChunkRecord> feed = firstSession.start(null).orElseThrow();
        Subscription<ChunkRecord> a = watch(feed, 0, "a", new StreamStart.InProgressOrLive());
        first.produce(record(0, 0, "a", "text.delta", NOW), record(0, 1, "a", "text.delta", NOW));
        firstSession.pollOnce(Duration.ZERO);

        MockChunksTopic.Consumer second = new MockChunksTopic.Consumer(1);
        TailLoop secondSession = session(second);
        assertSame(feed, secondSession.start(feed).orElseThrow());
        assertEquals(2, second.position(tp(0)));
        assertEquals(0, second.offsetsForTimesCalls);
        second.produce(record(0, 0, "a", "text.delta", NOW), record(0, 1, "a", "text.delta", NOW),
                record(0, 2, "a", "text.delta", NOW));
        secondSession.pollOnce(Duration.ZERO);
        assertEquals(List.of(0L, 1L, 2L), offsets(a), "the subscriber sees each record once across sessions");
    }

    @Test
    void aTopicThatDoesNotExistYetStartsNoSession() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(0);
        assertTrue(session(consumer).start(null).isEmpty());
    }

    @Test
    void aChangedPartitionCountIsRefused() {
        TopicFeed<ChunkRecord> feed = session(new MockChunksTopic.Consumer(2)).start(null).orElseThrow();
        assertThrows(IllegalStateException.class, () -> session(new MockChunksTopic.Consumer(3)).start(feed));
    }

    @Test
    void aRecordOfAnUnsafeTypeIsCountedOnceAndDeliveredAsTheReplacement() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(1);
        TailLoop session = session(consumer);
        TopicFeed<ChunkRecord> feed = session.start(null).orElseThrow();
        Subscription<ChunkRecord> a = watch(feed, 0, "a", new StreamStart.InProgressOrLive());
        consumer.produce(record(0, 0, "a", "stream.reconnect", NOW));
        session.pollOnce(Duration.ZERO);
        assertEquals(1, progress.replacedTypes());
        assertEquals(EventTypes.REPLACED, a.drain(10).get(0).eventType());
    }

    @Test
    void withPartitionAffinityTheTailAssignsOnlyThePartitionsThisInstanceOwns() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(6);
        TailLoop.Settings secondOfTwo = new TailLoop.Settings(MockChunksTopic.TOPIC, Duration.ofMinutes(5), 1 << 20,
                60_000, partition -> partition % 2 == 1);
        TopicFeed<ChunkRecord> feed = new TailLoop(consumer, secondOfTwo, progress, () -> clock[0]).start(null)
                .orElseThrow();
        assertEquals(java.util.Set.of(tp(1), tp(3), tp(5)), consumer.assignment());
        assertEquals(6, feed.partitionCount(), "partitions keep their numbers");
    }

    @Test
    void withPartitionAffinityLagAndReadinessCountOnlyTheOwnedPartitions() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(2);
        // Partition 0, not this instance's, has records nobody here reads.
        consumer.updateEndOffsets(Map.of(tp(0), 5L));
        TailLoop.Settings onlyOne = new TailLoop.Settings(MockChunksTopic.TOPIC, Duration.ofMinutes(5), 1 << 20,
                60_000, partition -> partition == 1);
        TailLoop session = new TailLoop(consumer, onlyOne, progress, () -> clock[0]);
        session.start(null).orElseThrow();
        session.pollOnce(Duration.ZERO);
        assertTrue(progress.isReady());
        assertEquals(0, progress.lagRecords());
    }

    @Test
    void anInstanceThatOwnsNoPartitionOfTheTopicDoesNotStart() {
        MockChunksTopic.Consumer consumer = new MockChunksTopic.Consumer(2);
        TailLoop.Settings none = new TailLoop.Settings(MockChunksTopic.TOPIC, Duration.ofMinutes(5), 1 << 20, 60_000,
                partition -> false);
        assertThrows(IllegalStateException.class, () -> new TailLoop(consumer, none, progress, () -> clock[0]).start(null));
    }
}
