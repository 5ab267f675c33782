package tokenstream.kafkasetup;

import tokenstream.protocol.TopicNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The topics of the pipeline and the settings each needs, derived from {@link TopicSettings}. */
public final class TopicLayout {
    /**
     * {@code max.message.bytes} of the chunks topic: 2 MiB. One event is one record; ingest writes events far below
     * 1 MiB (a pushed line is bounded by the push body limit, under 1 MiB), so this leaves room for any producer
     * that respects the same body limit, and it bounds what the audit consumers must copy into a dead letter.
     */
    public static final int CHUNKS_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /**
     * {@code max.message.bytes} of the responses and dead-letter topics (and of the audit consumers' changelogs and
     * the largest request of their producer): 16 MiB. The sizing, from the top:
     * <ul>
     *   <li>ingest caps a response at {@code tokenstream.ingest.max-response-bytes}, 4 MiB of text by default;</li>
     *   <li>in the audit record's JSON that text is escaped: at most 2 bytes per byte for ordinary escapes
     *       ({@code \" \\ \n \t}); non-ASCII stays raw UTF-8. So 8 MiB at worst, plus a few KiB of envelope and
     *       at most ~20 KiB of gap list;</li>
     *   <li>the audit consumers publish an audit record value of at most 15 MiB ({@code max-record-bytes}); a
     *       response beyond that (only text made of control characters, escaped as 6 bytes each, can get there) is
     *       recorded {@code failed}/{@code output_too_large} with its text truncated, never dropped;</li>
     *   <li>16 MiB for the topic and the producer leaves 1 MiB for key, headers and batch overhead.</li>
     * </ul>
     * A dead letter is a chunks record (at most 2 MiB) plus two short headers, so it fits too.
     */
    public static final int AUDIT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

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
                        "max.message.bytes", String.valueOf(CHUNKS_MAX_MESSAGE_BYTES),
                        "min.insync.replicas", minIsr), true),
                // Only the latest version of each response matters: compaction keeps it forever at bounded size.
                new TopicSpec(names.responses(), partitions, replication, Map.of(
                        "cleanup.policy", "compact",
                        "max.message.bytes", String.valueOf(AUDIT_MAX_MESSAGE_BYTES),
                        "min.insync.replicas", minIsr), false),
                new TopicSpec(names.control(), partitions, replication, Map.of(
                        "cleanup.policy", "delete",
                        "retention.ms", String.valueOf(settings.controlRetention().toMillis()),
                        "min.insync.replicas", minIsr), false),
                // Rare, and read by people: one partition keeps them in arrival order.
                new TopicSpec(names.deadLetter(), 1, replication, Map.of(
                        "cleanup.policy", "delete",
                        "max.message.bytes", String.valueOf(AUDIT_MAX_MESSAGE_BYTES),
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
