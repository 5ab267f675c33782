package tokenstream.bench.producer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A generation started early lasts the start-up still ahead of it, so all of them end together. */
class GenerationsTest {

    @Test
    void halfwayThroughTheStartsTheRestTakeAsLongAgain() {
        assertEquals(5.0, Generations.startsStillAhead(5.0, 2500, 5000), 1e-9);
    }

    @Test
    void theLastStartHasNothingAhead() {
        assertEquals(0.0, Generations.startsStillAhead(10.0, 5000, 5000), 1e-9);
    }

    @Test
    void theFirstPermitsWorthTellsNoRateYet() {
        assertEquals(0.0, Generations.startsStillAhead(0.001, 3, 5000), 1e-9);
    }
}
