package tokenstream.kafkasetup;

import tokenstream.protocol.TopicNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicLayoutTest {
    private final TopicSettings replicated = TopicSettings.localDefaults().withChunksPartitions(12).withReplication(3, 2);

    private Map<String, TopicSpec> byName(TopicSettings settings) {
        return TopicLayout.of(settings).stream().collect(Collectors.toMap(TopicSpec::name, s -> s));
    }

    @Test
    void chunksAreRetainedForTheConfiguredTimeAndNeverCompacted() {
        TopicSpec chunks = byName(replicated).get("tokenstream.chunks");
        assertEquals("delete", chunks.configs().get("cleanup.policy"));
        assertEquals(String.valueOf(Duration.ofDays(7).toMillis()), chunks.configs().get("retention.ms"));
        assertEquals(12, chunks.partitions());
    }

    @Test
    void onlyTheChunksTopicHasAPartitionCountThatMustNeverChange() {
        List<String> fixed = TopicLayout.of(replicated).stream().filter(TopicSpec::fixedPartitions).map(TopicSpec::name).toList();
        assertEquals(List.of("tokenstream.chunks"), fixed);
    }

    @Test
    void anAuditRecordMayBeEightTimesAsLargeAsTheLargestChunk() {
        Map<String, TopicSpec> topics = byName(replicated);
        assertEquals(String.valueOf(2 * 1024 * 1024), topics.get("tokenstream.chunks").configs().get("max.message.bytes"));
        assertEquals(String.valueOf(16 * 1024 * 1024),
                topics.get("tokenstream.responses").configs().get("max.message.bytes"));
        assertEquals(String.valueOf(16 * 1024 * 1024),
                topics.get("tokenstream.dead-letter").configs().get("max.message.bytes"));
    }

    @Test
    void responsesAreCompacted() {
        assertEquals("compact", byName(replicated).get("tokenstream.responses").configs().get("cleanup.policy"));
    }

    @Test
    void responseOwnersAreCompactedAndForgottenWithTheChunks() {
        TopicSpec owners = byName(replicated).get("tokenstream.response-owners");
        assertEquals("compact,delete", owners.configs().get("cleanup.policy"));
        assertEquals(String.valueOf(Duration.ofDays(7).toMillis()), owners.configs().get("retention.ms"));
        assertEquals(12, owners.partitions());
    }

    @Test
    void everyTopicGetsTheConfiguredReplicationAndMinInsyncReplicas() {
        for (TopicSpec spec : TopicLayout.of(replicated)) {
            assertEquals(3, spec.replicationFactor(), spec.name());
            assertEquals("2", spec.configs().get("min.insync.replicas"), spec.name());
        }
    }

    @Test
    void deadLetterHasOnePartitionSoPeopleReadItInArrivalOrder() {
        assertEquals(1, byName(replicated).get("tokenstream.dead-letter").partitions());
    }

    @Test
    void minInsyncReplicasAboveTheReplicationFactorIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> TopicSettings.localDefaults().withReplication(1, 2));
        assertTrue(e.getMessage().contains("min.insync.replicas"), e.getMessage());
    }

    @Test
    void renamedTopicsAreUsed() {
        var names = new TopicNames("a.chunks", "a.responses", "a.control", "a.dlq", "a.owners");
        var settings = new TopicSettings(names, 3, 1, 1, Duration.ofHours(1), Duration.ofHours(1));
        assertEquals(List.of("a.chunks", "a.responses", "a.control", "a.dlq", "a.owners"),
                TopicLayout.of(settings).stream().map(TopicSpec::name).toList());
        assertFalse(byName(settings).containsKey("tokenstream.chunks"));
    }
}
