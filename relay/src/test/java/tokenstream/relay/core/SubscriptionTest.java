package tokenstream.relay.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.core.RecordingSink.delivered;

/** A subscription's way from catching up to live, its two ends (slow, closed), and the dedupe rule at the seam. */
class SubscriptionTest {
    private static final String CONV = "a";
    private final RecordingSink sink = new RecordingSink();

    private Subscription<Rec> subscription(int capacity) {
        return new Subscription<>(CONV, 0, capacity, sink);
    }

    private Subscription<Rec> live(int capacity, long lastDelivered) {
        Subscription<Rec> subscription = subscription(capacity);
        subscription.begin(new ResumePlan.Live<>(lastDelivered + 1, lastDelivered));
        return subscription;
    }

    @Test
    void aNewSubscriptionIsCatchingUp() {
        assertEquals(Subscription.State.CATCHING_UP, subscription(8).state());
    }

    @Test
    void aLivePlanMakesItLiveFromTheSeam() {
        Subscription<Rec> subscription = live(8, 9);
        assertEquals(Subscription.State.LIVE, subscription.state());
        assertEquals(10, subscription.liveFromOffset());
    }

    @Test
    void finishingTheCatchUpMakesItLive() {
        Subscription<Rec> subscription = subscription(8);
        subscription.finishCatchUp();
        assertEquals(Subscription.State.LIVE, subscription.state());
    }

    @Test
    void liveRecordsArrivingWhileCatchingUpAreHeldAndFollowTheHistory() {
        Subscription<Rec> subscription = subscription(8);
        subscription.offerLive(Rec.delta(10, CONV));
        subscription.offerHistory(Rec.delta(8, CONV));
        subscription.offerHistory(Rec.delta(9, CONV));
        assertEquals(List.of(8L, 9L), delivered(subscription));
        subscription.finishCatchUp();
        assertEquals(List.of(10L), delivered(subscription));
    }

    @Test
    void aRecordDeliveredTwiceIsQueuedOnce() {
        Subscription<Rec> subscription = live(8, 9);
        subscription.offerLive(Rec.delta(10, CONV));
        subscription.offerLive(Rec.delta(10, CONV));
        assertEquals(List.of(10L), delivered(subscription));
    }

    @Test
    void aRecordAtOrBelowTheLastDeliveredOffsetIsDropped() {
        Subscription<Rec> subscription = live(8, 9);
        subscription.offerLive(Rec.delta(9, CONV));
        subscription.offerLive(Rec.delta(3, CONV));
        subscription.offerLive(Rec.delta(11, CONV));
        subscription.offerHistory(Rec.delta(10, CONV));
        assertEquals(List.of(11L), delivered(subscription));
    }

    @Test
    void aLiveRecordTheHistoryAlreadyDeliveredIsDroppedAtTheSeam() {
        Subscription<Rec> subscription = subscription(8);
        subscription.offerLive(Rec.delta(10, CONV));
        subscription.offerLive(Rec.delta(11, CONV));
        subscription.offerHistory(Rec.delta(9, CONV));
        subscription.offerHistory(Rec.delta(10, CONV));
        subscription.finishCatchUp();
        assertEquals(List.of(9L, 10L, 11L), delivered(subscription));
    }

    @Test
    void aFullQueueMakesALiveSubscriptionSlowAndTellsTheClientOnce() {
        Subscription<Rec> subscription = live(2, -1);
        for (long offset = 0; offset < 5; offset++) {
            subscription.offerLive(Rec.delta(offset, CONV));
        }
        assertEquals(Subscription.State.SLOW, subscription.state());
        assertEquals(1, sink.overflows);
    }

    @Test
    void tooManyLiveRecordsHeldWhileCatchingUpMakeItSlow() {
        Subscription<Rec> subscription = subscription(2);
        for (long offset = 0; offset < 3; offset++) {
            subscription.offerLive(Rec.delta(offset, CONV));
        }
        assertEquals(Subscription.State.SLOW, subscription.state());
        assertEquals(1, sink.overflows);
    }

    @Test
    void historyIsNotHeldToTheQueueCapacity() {
        Subscription<Rec> subscription = subscription(2);
        for (long offset = 0; offset < 5; offset++) {
            subscription.offerHistory(Rec.delta(offset, CONV));
        }
        assertEquals(Subscription.State.CATCHING_UP, subscription.state());
        assertEquals(5, subscription.queued());
    }

    @Test
    void waitingForRoomReturnsAtOnceWhenTheQueueHasRoom() throws Exception {
        Subscription<Rec> subscription = subscription(2);
        subscription.offerHistory(Rec.delta(0, CONV));
        assertTrue(subscription.awaitRoom(60_000, () -> 0L));
    }

    @Test
    void aClientThatTakesNothingUntilTheDeadlineIsEndedAsSlow() throws Exception {
        Subscription<Rec> subscription = subscription(1);
        subscription.offerHistory(Rec.delta(0, CONV));
        long[] now = {0};
        // The clock says the deadline has passed as soon as it is read a second time.
        assertFalse(subscription.awaitRoom(1_000, () -> now[0]++ == 0 ? 0 : 2_000_000_000L));
        assertEquals(Subscription.State.SLOW, subscription.state());
        assertEquals(1, sink.overflows);
    }

    @Test
    void wakesTheClientOnceUntilItDrains() {
        Subscription<Rec> subscription = live(8, -1);
        subscription.offerLive(Rec.delta(0, CONV));
        subscription.offerLive(Rec.delta(1, CONV));
        assertEquals(1, sink.wakeUps);
        delivered(subscription);
        subscription.offerLive(Rec.delta(2, CONV));
        assertEquals(2, sink.wakeUps);
    }

    @Test
    void closingDropsWhatIsQueuedAndRefusesWhatComesLater() {
        Subscription<Rec> subscription = live(8, -1);
        subscription.offerLive(Rec.delta(0, CONV));
        subscription.close();
        subscription.offerLive(Rec.delta(1, CONV));
        subscription.offerHistory(Rec.delta(2, CONV));
        assertEquals(Subscription.State.CLOSED, subscription.state());
        assertEquals(List.of(), delivered(subscription));
    }

    @Test
    void closingWhileCatchingUpEndsTheCatchUp() throws Exception {
        Subscription<Rec> subscription = subscription(8);
        subscription.close();
        subscription.finishCatchUp();
        assertTrue(subscription.isClosed());
        assertFalse(subscription.awaitRoom(60_000, () -> 0L));
    }

    @Test
    void aSlowSubscriptionThatIsClosedStaysSlow() {
        Subscription<Rec> subscription = live(1, -1);
        subscription.offerLive(Rec.delta(0, CONV));
        subscription.offerLive(Rec.delta(1, CONV));
        subscription.close();
        assertEquals(Subscription.State.SLOW, subscription.state());
    }

    @Test
    void aLiveRecordArrivingWhileTheHeldOnesAreReleasedComesAfterThem() {
        // The tail delivers record 12 the moment the subscription turns live, before 10 and 11, which it held
        // while catching up, are queued: 12 must not make them look like repeats (they would be lost).
        Subscription<Rec>[] self = new Subscription[1];
        boolean[] injected = {false};
        SubscriberSink racingTail = new RecordingSink() {
            @Override
            public void wakeUp() {
                if (!injected[0]) {
                    injected[0] = true;
                    self[0].offerLive(Rec.delta(12, CONV));
                }
            }
        };
        Subscription<Rec> subscription = new Subscription<>(CONV, 0, 8, racingTail);
        self[0] = subscription;
        subscription.offerLive(Rec.delta(10, CONV));
        subscription.offerLive(Rec.delta(11, CONV));
        subscription.finishCatchUp();
        assertEquals(List.of(10L, 11L, 12L), delivered(subscription));
    }
}
