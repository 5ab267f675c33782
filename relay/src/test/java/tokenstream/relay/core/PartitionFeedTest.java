package tokenstream.relay.core;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static tokenstream.relay.core.Rec.T0;
import static tokenstream.relay.core.RecordingSink.delivered;

/** The seam between history and live on one partition: nothing lost, nothing twice, whatever happens meanwhile. */
class PartitionFeedTest {
    private static final String CONV = "a";
    private static final long PER_RECORD = 10 + 2 + RecentWindow.RECORD_OVERHEAD_BYTES;

    private final RecordingSink sink = new RecordingSink();
    private long next;

    private PartitionFeed<Rec> feed(long windowRecords) {
        return new PartitionFeed<>(0, 0, windowRecords * PER_RECORD, 60_000);
    }

    /** The tail's next poll: these records, in order, then the position after them. */
    private void poll(PartitionFeed<Rec> feed, Rec... records) {
        next = records.length == 0 ? next : records[records.length - 1].offset() + 1;
        feed.append(List.of(records), next, T0);
    }

    private Subscription<Rec> subscribe(PartitionFeed<Rec> feed, StreamStart start, List<ResumePlan<Rec>> plans) {
        Subscription<Rec> subscription = new Subscription<>(CONV, 0, 64, sink);
        plans.add(feed.subscribe(subscription, start, T0));
        return subscription;
    }

    private static StreamStart after(long offset) {
        return new StreamStart.After(new EventId(0, offset));
    }

    @Test
    void aLiveSubscriberReceivesItsConversationsRecordsAndNoOtherConversations() {
        PartitionFeed<Rec> feed = feed(100);
        Subscription<Rec> subscription = subscribe(feed, new StreamStart.InProgressOrLive(), new ArrayList<>());
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, "b"), Rec.delta(2, CONV));
        assertEquals(List.of(0L, 2L), delivered(subscription));
    }

    @Test
    void aResumeFromMemoryContinuesLiveWithoutGapOrRepeat() {
        PartitionFeed<Rec> feed = feed(100);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV));
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        Subscription<Rec> subscription = subscribe(feed, after(0), plans);
        poll(feed, Rec.delta(3, CONV));
        assertInstanceOf(ResumePlan.FromMemory.class, plans.get(0));
        assertEquals(List.of(1L, 2L, 3L), delivered(subscription));
    }

    @Test
    void anEventArrivingWhileHistoryIsReadIsDeliveredAfterTheHistoryOnce() {
        PartitionFeed<Rec> feed = feed(2);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV), Rec.delta(3, CONV));
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        Subscription<Rec> subscription = subscribe(feed, after(0), plans);
        ResumePlan.CatchUp<?> catchUp = assertInstanceOf(ResumePlan.CatchUp.class, plans.get(0));
        assertEquals(4, catchUp.liveFrom());

        poll(feed, Rec.delta(4, CONV));                // the tail goes on while the reader reads
        subscription.offerHistory(Rec.delta(1, CONV)); // the reader, up to the seam
        subscription.offerHistory(Rec.delta(2, CONV));
        subscription.offerHistory(Rec.delta(3, CONV));
        subscription.finishCatchUp();
        poll(feed, Rec.delta(5, CONV));

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), delivered(subscription));
    }

    @Test
    void aCatchUpThatReadsPastTheSeamRepeatsNothing() {
        PartitionFeed<Rec> feed = feed(1);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV));
        Subscription<Rec> subscription = subscribe(feed, after(0), new ArrayList<>());
        poll(feed, Rec.delta(3, CONV));
        subscription.offerHistory(Rec.delta(1, CONV));
        subscription.offerHistory(Rec.delta(2, CONV));
        subscription.offerHistory(Rec.delta(3, CONV)); // already on its way live
        subscription.finishCatchUp();
        assertEquals(List.of(1L, 2L, 3L), delivered(subscription));
    }

    @Test
    void windowEvictionAfterTheResumeIsPlannedDoesNotChangeWhatItServes() {
        PartitionFeed<Rec> feed = feed(3);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV));
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        Subscription<Rec> subscription = subscribe(feed, after(0), plans);
        poll(feed, Rec.delta(3, "b"), Rec.delta(4, "b"), Rec.delta(5, "b")); // evicts 0..2
        ResumePlan.FromMemory<?> fromMemory = assertInstanceOf(ResumePlan.FromMemory.class, plans.get(0));
        assertEquals(2, fromMemory.records().size());
        assertEquals(List.of(1L, 2L), delivered(subscription));
    }

    @Test
    void aPositionTheWindowHasEvictedIsReadFromKafka() {
        PartitionFeed<Rec> feed = feed(2);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV), Rec.delta(3, CONV));
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        subscribe(feed, after(0), plans);
        assertEquals(new ResumePlan.CatchUp<Rec>(4, new ResumePlan.HistoryStart.AtOffset(1)), plans.get(0));
    }

    @Test
    void aPositionBelowKafkasLogStartIsNotServedFromMemoryButExpires() {
        PartitionFeed<Rec> feed = feed(100);
        poll(feed, Rec.delta(0, CONV), Rec.delta(1, CONV), Rec.delta(2, CONV), Rec.delta(3, CONV));
        feed.followLogStart(3);
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        subscribe(feed, after(0), plans);
        ResumePlan.CatchUp<?> catchUp = assertInstanceOf(ResumePlan.CatchUp.class, plans.get(0));
        assertEquals(new ResumePlan.CatchUpRange.Expired(3), catchUp.range(3, OptionalLong.empty()));
    }

    @Test
    void withoutPositionTheInProgressResponseIsServedFromItsStart() {
        PartitionFeed<Rec> feed = feed(100);
        poll(feed, Rec.started(0, CONV, "done"), Rec.ended(1, CONV, "done"),
                Rec.started(2, CONV, "open"), Rec.delta(3, CONV));
        Subscription<Rec> subscription = subscribe(feed, new StreamStart.InProgressOrLive(), new ArrayList<>());
        assertEquals(List.of(2L, 3L), delivered(subscription));
    }

    @Test
    void withoutPositionAResponseThatEndedIsNotReplayed() {
        PartitionFeed<Rec> feed = feed(100);
        poll(feed, Rec.started(0, CONV, "done"), Rec.ended(1, CONV, "done"));
        List<ResumePlan<Rec>> plans = new ArrayList<>();
        subscribe(feed, new StreamStart.InProgressOrLive(), plans);
        assertEquals(new ResumePlan.Live<Rec>(2, 1), plans.get(0));
    }

    @Test
    void withoutPositionAResponseOpenForHalfAnHourIsPresumedDeadAndNotReplayed() {
        PartitionFeed<Rec> feed = feed(100);
        poll(feed, Rec.started(0, CONV, "stuck"));
        Subscription<Rec> subscription = new Subscription<>(CONV, 0, 64, sink);
        ResumePlan<Rec> plan = feed.subscribe(subscription, new StreamStart.InProgressOrLive(),
                T0 + OpenResponses.MAX_OPEN_AGE_MILLIS + 1);
        assertInstanceOf(ResumePlan.Live.class, plan);
    }

    @Test
    void anUnsubscribedClientReceivesNothingMore() {
        PartitionFeed<Rec> feed = feed(100);
        Subscription<Rec> subscription = subscribe(feed, new StreamStart.InProgressOrLive(), new ArrayList<>());
        feed.unsubscribe(subscription);
        poll(feed, Rec.delta(0, CONV));
        assertEquals(List.of(), delivered(subscription));
        assertEquals(0, feed.subscriptionCount());
        assertEquals(0, feed.conversationCount());
    }

    @Test
    void presenceNamesOnlyTheOpenResponsesOfWatchedConversations() {
        TopicFeed<Rec> topic = new TopicFeed<>(new long[]{0}, 1 << 20, 60_000);
        PartitionFeed<Rec> feed = topic.partition(0);
        poll(feed, Rec.started(0, CONV, "r1"), Rec.started(1, "b", "r2"), Rec.started(2, "c", "r3"), Rec.ended(3, "c", "r3"));
        subscribe(feed, new StreamStart.InProgressOrLive(), new ArrayList<>());
        feed.subscribe(new Subscription<>("c", 0, 64, sink), new StreamStart.InProgressOrLive(), T0);
        assertEquals(Map.of(CONV, List.of("r1")), topic.watchedOpenResponses());
    }
}
