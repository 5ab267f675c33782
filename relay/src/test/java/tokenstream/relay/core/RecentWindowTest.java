package tokenstream.relay.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentWindowTest {
    private static final long NOW = 1_000_000;

    private static Rec record(long offset, String conversation, long timestamp, int valueBytes) {
        return Rec.at(offset, conversation, timestamp, valueBytes);
    }

    private static List<Long> offsets(Optional<List<Rec>> records) {
        return records.orElseThrow().stream().map(Rec::offset).toList();
    }

    @Test
    void servesOnlyTheConversationsOwnRecordsFromTheRequestedOffset() {
        RecentWindow<Rec> window = new RecentWindow<>(1 << 20, 60_000, 10);
        window.append(record(10, "a", NOW, 10), NOW);
        window.append(record(11, "b", NOW, 10), NOW);
        window.append(record(12, "a", NOW, 10), NOW);
        window.append(record(13, "a", NOW, 10), NOW);
        assertEquals(List.of(12L, 13L), offsets(window.recordsFrom("a", 11)));
        assertEquals(List.of(10L, 12L, 13L), offsets(window.recordsFrom("a", 10)));
        assertEquals(List.of(), offsets(window.recordsFrom("c", 10)));
    }

    @Test
    void positionBeforeTheWindowIsNotServed() {
        RecentWindow<Rec> window = new RecentWindow<>(1 << 20, 60_000, 10);
        window.append(record(10, "a", NOW, 10), NOW);
        assertTrue(window.recordsFrom("a", 9).isEmpty());
    }

    @Test
    void byteBoundEvictsTheOldestRecordsAndMovesTheCoveredStart() {
        long perRecord = 100 + 2 + RecentWindow.RECORD_OVERHEAD_BYTES;
        RecentWindow<Rec> window = new RecentWindow<>(perRecord * 3, 60_000, 0);
        for (long offset = 0; offset < 5; offset++) {
            window.append(record(offset, "a", NOW, 100), NOW);
        }
        assertEquals(3, window.size());
        assertEquals(2, window.coveredFrom());
        assertTrue(window.bytes() <= perRecord * 3);
        assertTrue(window.recordsFrom("a", 1).isEmpty());
        assertEquals(List.of(2L, 3L, 4L), offsets(window.recordsFrom("a", 2)));
    }

    @Test
    void ageBoundEvictsRecordsOlderThanTheMaximumAge() {
        RecentWindow<Rec> window = new RecentWindow<>(1 << 20, 1_000, 0);
        window.append(record(0, "a", NOW - 5_000, 10), NOW - 5_000);
        window.append(record(1, "b", NOW - 10, 10), NOW);
        assertEquals(1, window.size());
        assertEquals(1, window.coveredFrom());
        window.evict(NOW + 2_000);
        assertEquals(0, window.size());
        assertEquals(2, window.coveredFrom());
    }

    @Test
    void recordsBelowKafkasLogStartAreDroppedSoTheWindowNeverOutlivesRetention() {
        RecentWindow<Rec> window = new RecentWindow<>(1 << 20, 60_000, 0);
        for (long offset = 0; offset < 4; offset++) {
            window.append(record(offset, "a", NOW, 10), NOW);
        }
        window.dropBefore(2);
        assertEquals(2, window.coveredFrom());
        assertTrue(window.recordsFrom("a", 1).isEmpty());
        assertEquals(List.of(2L, 3L), offsets(window.recordsFrom("a", 2)));
    }
}
