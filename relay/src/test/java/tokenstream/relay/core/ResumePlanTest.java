package tokenstream.relay.core;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.relay.core.ResumePlan.CatchUp;
import tokenstream.relay.core.ResumePlan.CatchUpRange;
import tokenstream.relay.core.ResumePlan.FromMemory;
import tokenstream.relay.core.ResumePlan.HistoryStart;
import tokenstream.relay.core.ResumePlan.Live;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static tokenstream.relay.core.Rec.T0;

/**
 * Every row of the README's resume table against what the recent-events window holds: which offsets come from
 * memory, which from a catch-up read, where the live seam is.
 */
class ResumePlanTest {
    private static final int P = 0;
    private static final String CONV = "a";
    /** The window holds offsets 10..15 (a at 10, 12, 13, 15; b at 11, 14); the tail's next offset is 16. */
    private static final long SEAM = 16;

    private static RecentWindow<Rec> window() {
        RecentWindow<Rec> window = new RecentWindow<>(1 << 20, 60_000, 10);
        for (long offset = 10; offset < SEAM; offset++) {
            window.append(Rec.delta(offset, offset == 11 || offset == 14 ? "b" : CONV), T0);
        }
        return window;
    }

    private static ResumePlan<Rec> plan(StreamStart start) {
        return ResumePlan.decide(start, CONV, SEAM, window(), OptionalLong.empty());
    }

    private static List<Long> offsets(ResumePlan<Rec> plan) {
        return assertInstanceOf(FromMemory.class, plan).records().stream().map(r -> ((Rec) r).offset()).toList();
    }

    @Test
    void afterAnEventInTheWindowTheConversationsNextRecordsComeFromMemory() {
        ResumePlan<Rec> plan = plan(new StreamStart.After(new EventId(P, 12)));
        assertEquals(List.of(13L, 15L), offsets(plan));
        assertEquals(SEAM, plan.liveFrom());
    }

    @Test
    void atAnEventInTheWindowThatEventIsTheFirstFromMemory() {
        assertEquals(List.of(12L, 13L, 15L), offsets(plan(new StreamStart.At(new EventId(P, 12)))));
    }

    @Test
    void afterTheLastEventBeforeTheSeamTheStreamIsLiveWithNothingRepeated() {
        assertEquals(new Live<Rec>(SEAM, 15), plan(new StreamStart.After(new EventId(P, 15))));
    }

    @Test
    void aPositionAheadOfTheTailIsLiveAndEverythingUpToItIsSkipped() {
        assertEquals(new Live<Rec>(SEAM, 20), plan(new StreamStart.After(new EventId(P, 20))));
    }

    @Test
    void aPositionOlderThanTheWindowIsACatchUpReadFromThatOffset() {
        assertEquals(new CatchUp<Rec>(SEAM, new HistoryStart.AtOffset(6)), plan(new StreamStart.After(new EventId(P, 5))));
        assertEquals(new CatchUp<Rec>(SEAM, new HistoryStart.AtOffset(5)), plan(new StreamStart.At(new EventId(P, 5))));
    }

    @Test
    void fromStartIsACatchUpFromTheLogStartEvenWhenTheWindowHoldsEverything() {
        assertEquals(new CatchUp<Rec>(SEAM, new HistoryStart.AtLogStart()), plan(new StreamStart.Beginning()));
    }

    @Test
    void fromATimeIsACatchUpFromTheFirstRecordAtOrAfterIt() {
        assertEquals(new CatchUp<Rec>(SEAM, new HistoryStart.AtTime(1_764_151_200_000L)),
                plan(new StreamStart.AtTime(Instant.ofEpochMilli(1_764_151_200_000L))));
    }

    @Test
    void withoutPositionAnInProgressResponseInTheWindowIsServedFromItsStart() {
        ResumePlan<Rec> plan = ResumePlan.decide(new StreamStart.InProgressOrLive(), CONV, SEAM, window(), OptionalLong.of(13));
        assertEquals(List.of(13L, 15L), offsets(plan));
    }

    @Test
    void withoutPositionAnInProgressResponseOlderThanTheWindowIsACatchUpFromItsStart() {
        assertEquals(new CatchUp<Rec>(SEAM, new HistoryStart.AtOffset(4)),
                ResumePlan.decide(new StreamStart.InProgressOrLive(), CONV, SEAM, window(), OptionalLong.of(4)));
    }

    @Test
    void withoutPositionAndNothingInProgressTheStreamIsLive() {
        assertEquals(new Live<Rec>(SEAM, SEAM - 1), plan(new StreamStart.InProgressOrLive()));
    }

    @Test
    void aCatchUpFromAnOffsetReadsFromItToTheSeam() {
        CatchUp<Rec> catchUp = new CatchUp<>(SEAM, new HistoryStart.AtOffset(6));
        assertEquals(new CatchUpRange.Read(6, SEAM), catchUp.range(3, OptionalLong.empty()));
    }

    @Test
    void aPositionOlderThanTheLogStartHasExpiredAndNamesTheEarliest() {
        CatchUp<Rec> catchUp = new CatchUp<>(SEAM, new HistoryStart.AtOffset(6));
        assertEquals(new CatchUpRange.Expired(8), catchUp.range(8, OptionalLong.empty()));
    }

    @Test
    void fromStartReadsFromTheLogStartToTheSeam() {
        assertEquals(new CatchUpRange.Read(8, SEAM),
                new CatchUp<Rec>(SEAM, new HistoryStart.AtLogStart()).range(8, OptionalLong.empty()));
    }

    @Test
    void aTimeBeforeTheLogStartReadsFromTheLogStartAndNeverExpires() {
        assertEquals(new CatchUpRange.Read(8, SEAM),
                new CatchUp<Rec>(SEAM, new HistoryStart.AtTime(0)).range(8, OptionalLong.of(2)));
    }

    @Test
    void aTimeWithARecordAtOrAfterItReadsFromThatRecord() {
        assertEquals(new CatchUpRange.Read(12, SEAM),
                new CatchUp<Rec>(SEAM, new HistoryStart.AtTime(0)).range(8, OptionalLong.of(12)));
    }

    @Test
    void aTimeAfterEveryRecordReadsNothingAndGoesLive() {
        assertEquals(new CatchUpRange.Read(SEAM, SEAM),
                new CatchUp<Rec>(SEAM, new HistoryStart.AtTime(0)).range(8, OptionalLong.empty()));
    }
}
