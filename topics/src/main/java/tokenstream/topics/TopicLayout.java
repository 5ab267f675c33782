package tokenstream.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The topics of the pipeline and the settings each needs, derived from {@link TopicSettings}. */
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
                        "min.insync.replicas", minIsr), false),
                // Ingest's claims of response ids: the first claim of an id owns it, and the last record of every id
                // is the owner's (see ResponseOwners), so compaction keeps exactly the owners. Claims older than the
                // chunks are forgotten with them (delete), and a record stays uncompacted for an hour, long past
                // the moment a losing claim is followed by the owner's (min.compaction.lag.ms).
                new TopicSpec(names.responseOwners(), partitions, replication, Map.of(
                        "cleanup.policy", "compact,delete",
                        "retention.ms", String.valueOf(settings.chunksRetention().toMillis()),
                        "min.compaction.lag.ms", String.valueOf(Duration.ofHours(1).toMillis()),
                        "min.insync.replicas", minIsr), false));
    }
}
