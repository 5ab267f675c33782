package tokenstream.ingest.security;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.ResponseClaim;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OwnershipLogTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final ResponseClaim A = new ResponseClaim("conv-a", "key:gateway-a", AT);
    private static final ResponseClaim B = new ResponseClaim("conv-b", "key:gateway-b", AT.plusMillis(1));

    private final OwnershipLog log = new OwnershipLog();

    @Test
    void theFirstClaimOfAnIdInLogOrderOwnsIt() {
        assertEquals(A, log.apply("r1", A, 0));
        assertEquals(A, log.apply("r1", B, 0));

        assertEquals(Optional.of(A), log.owner("r1"));
    }

    @Test
    void everyReaderOfTheSameLogPicksTheSameOwnerWhateverItsClock() {
        OwnershipLog other = new OwnershipLog();
        for (OwnershipLog reader : List.of(log, other)) {
            reader.apply("r1", B, reader == log ? 5 : 99_999);
            reader.apply("r1", A, reader == log ? 6 : 100_000);
        }

        assertEquals(Optional.of(B), log.owner("r1"));
        assertEquals(log.owner("r1"), other.owner("r1"));
    }

    @Test
    void aRepeatedClaimOfTheSameHolderAtAnotherTimeKeepsTheFirst() {
        log.apply("r1", A, 0);
        log.apply("r1", new ResponseClaim("conv-a", "key:gateway-a", AT.plusSeconds(60)), 0);

        assertEquals(Optional.of(A), log.owner("r1"));
    }

    @Test
    void aLosingClaimLeftAsTheLastRecordIsRepairedAfterTheGraceWithTheOwnersClaim() {
        log.apply("r1", A, 0);
        log.apply("r1", B, 1_000);

        assertEquals(List.of(), log.tailsToRepair(1_000 + 4_999, 5_000));
        assertEquals(List.of(Map.entry("r1", A)), log.tailsToRepair(1_000 + 5_000, 5_000));
        assertEquals(List.of(), log.tailsToRepair(1_000 + 5_001, 5_000), "handed out once per grace period");
    }

    @Test
    void aLosingClaimFollowedByTheOwnersNeedsNoRepair() {
        log.apply("r1", A, 0);
        log.apply("r1", B, 1_000);
        log.apply("r1", A, 1_001);

        assertEquals(List.of(), log.tailsToRepair(60_000, 5_000));
    }

    @Test
    void afterCompactionOnlyTheOwnersRepeatedClaimRemainsAndItStillOwns() {
        // What a new instance reads once the cleaner has kept only the last record of the id.
        OwnershipLog fresh = new OwnershipLog();
        fresh.apply("r1", A, 0);

        assertEquals(log.apply("r1", A, 0), fresh.owner("r1").orElseThrow());
    }

    @Test
    void aTombstoneFreesTheId() {
        log.apply("r1", A, 0);
        log.forget("r1");

        assertEquals(Optional.empty(), log.owner("r1"));
        assertEquals(Optional.of(B), Optional.of(log.apply("r1", B, 0)));
    }

    @Test
    void claimsOlderThanTheRetentionAreForgotten() {
        log.apply("old", A, 0);
        log.apply("new", new ResponseClaim("conv-a", "key:gateway-a", AT.plusSeconds(3600)), 0);

        assertEquals(1, log.forgetClaimedBefore(AT.plusSeconds(60)));
        assertEquals(Optional.empty(), log.owner("old"));
        assertEquals(1, log.size());
    }
}
