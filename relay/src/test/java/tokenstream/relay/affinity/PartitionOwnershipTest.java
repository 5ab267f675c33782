package tokenstream.relay.affinity;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartitionOwnershipTest {

    @Test
    void oneInstanceOwnsEveryPartition() {
        PartitionOwnership alone = new PartitionOwnership(0, 1, Map.of());
        assertFalse(alone.enabled());
        assertTrue(IntStream.range(0, 12).allMatch(alone::owns));
    }

    @Test
    void instanceIOfROwnsThePartitionsWhoseNumberModuloRIsI() {
        PartitionOwnership second = new PartitionOwnership(1, 3, Map.of());
        assertEquals(List.of(1, 4, 7), IntStream.range(0, 9).filter(second::owns).boxed().toList());
        assertEquals(2, second.ownerOf(5));
    }

    @Test
    void peersAreParsedFromInstanceEqualsBaseEntries() {
        Map<Integer, String> peers = PartitionOwnership.parsePeers(List.of("0=http://relay-0:8080/", " 1 = /relay-1"));
        assertEquals(Map.of(0, "http://relay-0:8080", 1, "/relay-1"), peers);
        PartitionOwnership first = new PartitionOwnership(0, 2, peers);
        assertEquals(Optional.of("/relay-1"), first.ownerBase(3));
    }

    @Test
    void anOwnerWithoutAConfiguredBaseHasNone() {
        assertEquals(Optional.empty(), new PartitionOwnership(0, 3, Map.of(1, "http://b")).ownerBase(2));
    }

    @Test
    void aMisconfigurationStopsTheStart() {
        assertThrows(IllegalArgumentException.class, () -> new PartitionOwnership(2, 2, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new PartitionOwnership(0, 0, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new PartitionOwnership(0, 2, Map.of(2, "http://c")));
        assertThrows(IllegalArgumentException.class, () -> new PartitionOwnership(0, 2, Map.of(1, "relay-1:8080")));
        assertThrows(IllegalArgumentException.class, () -> PartitionOwnership.parsePeers(List.of("http://a")));
    }
}
