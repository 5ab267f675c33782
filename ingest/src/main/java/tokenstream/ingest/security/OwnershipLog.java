package tokenstream.ingest.security;

import tokenstream.protocol.ResponseClaim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The owners of response ids as the response-owners topic says, applied record by record in log order: the first
 * claim of an id owns it, later claims of the id change nothing. All claims of an id share a partition (the key is
 * the id), so every reader of the topic, on every instance and after every restart, picks the same owner.
 *
 * <p>Compaction keeps only the last record of an id, so the last record must be the owner's: a losing claim is
 * followed by a copy of the owner's claim (the loser writes it at once; {@link #tailsToRepair} finds the ones a
 * loser left behind, for example because it crashed). The topic's {@code min.compaction.lag.ms} keeps every record
 * uncompacted long past that moment.
 *
 * <p>One thread applies records; any thread may read {@link #owner}.
 */
final class OwnershipLog {
    private final Map<String, ResponseClaim> owners = new ConcurrentHashMap<>();
    /** Ids whose latest record is a losing claim, with when that was seen (the applying thread only). */
    private final Map<String, Long> losingTails = new HashMap<>();

    /**
     * Applies one record of the topic.
     *
     * @return the owner of the id after it
     */
    ResponseClaim apply(String responseId, ResponseClaim claim, long nowMillis) {
        ResponseClaim owner = owners.putIfAbsent(responseId, claim);
        if (owner == null) {
            return claim;
        }
        if (owner.sameHolder(claim)) {
            losingTails.remove(responseId);
        } else {
            losingTails.put(responseId, nowMillis);
        }
        return owner;
    }

    /** A deleted id (a tombstone an operator wrote) is free again. */
    void forget(String responseId) {
        owners.remove(responseId);
        losingTails.remove(responseId);
    }

    Optional<ResponseClaim> owner(String responseId) {
        return Optional.ofNullable(owners.get(responseId));
    }

    int size() {
        return owners.size();
    }

    /**
     * Ids whose latest record has been a losing claim for {@code graceMillis} or more, with the owner's claim to
     * write after it. Each is handed out once per grace period, so a repair in flight is not repeated at once.
     */
    List<Map.Entry<String, ResponseClaim>> tailsToRepair(long nowMillis, long graceMillis) {
        List<Map.Entry<String, ResponseClaim>> due = new ArrayList<>();
        for (Map.Entry<String, Long> tail : losingTails.entrySet()) {
            if (nowMillis - tail.getValue() >= graceMillis) {
                ResponseClaim owner = owners.get(tail.getKey());
                if (owner != null) {
                    due.add(Map.entry(tail.getKey(), owner));
                }
                tail.setValue(nowMillis);
            }
        }
        return due;
    }

    /** Forgets the owners claimed before {@code cutoff}, as the topic's retention does; returns how many. */
    int forgetClaimedBefore(Instant cutoff) {
        int before = owners.size();
        owners.entrySet().removeIf(entry -> entry.getValue().claimedAt().isBefore(cutoff));
        losingTails.keySet().removeIf(id -> !owners.containsKey(id));
        return before - owners.size();
    }
}
