package tokenstream.bench.loadgen;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SequenceCheckTest {
    private final SequenceCheck check = new SequenceCheck();

    @Test
    void consecutiveSeqsFromAnyStartAreNeitherLostNorDuplicated() {
        check.accept("r1", 4);
        check.accept("r1", 5);
        check.accept("r2", 0);
        check.accept("r1", 6);

        assertEquals(0, check.lost());
        assertEquals(0, check.duplicated());
    }

    @Test
    void aGapCountsEveryMissingSeqAsLost() {
        check.accept("r1", 0);
        check.accept("r1", 4);

        assertEquals(3, check.lost());
    }

    @Test
    void aRepeatedSeqCountsAsDuplicated() {
        check.accept("r1", 0);
        check.accept("r1", 1);
        check.accept("r1", 1);

        assertEquals(1, check.duplicated());
    }
}
