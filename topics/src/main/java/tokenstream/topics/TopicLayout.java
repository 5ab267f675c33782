package tokenstream.topics;

import java.util.List;
import java.util.Map;

/** The four topics of the pipeline and the settings each needs, derived from {@link TopicSettings}. */
public final class TopicLayout {
    private TopicLayout() {
    }

    public static List<TopicSpec> of(TopicSettings settings) {
        short replication = (short) settings.replicationFactor();
        String minIsr = String.valueOf(settings.minInsyncReplicas());
        int partitions = settings.chunksPartitions();
        TopicNames names = settings.names();
        return List.of(
                // Kept for resume, replay and audit rebuilds, then deleted; never compacted (every token matters).
                new TopicSpec(names.chunks(), partitions, replication, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", String.valueOf(settings.chunksRetention().toMillis()),
                        "min.insync.replicas", minIsr), true),
                // Only the latest version of each response matters: compaction keeps it forever at bounded size.
                new TopicSpec(names.responses(), partitions, replication, Map.of(
                        "cleanup.policy", "compact",
                        "min.insync.replicas", minIsr), false),
                new TopicSpec(names.control(), partitions, replication, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", String.valueOf(settings.controlRetention().toMillis()),
                        "min.insync.replicas", minIsr), false),
                // Rare, and read by people: one partition keeps them in arrival order.
                new TopicSpec(names.deadLetter(), 1, replication, Map.of(
                        "cleanup.policy", "delete",
                        "min.insync.replicas", minIsr), false));
    }
}
