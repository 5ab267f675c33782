package tokenstream.kafkasetup;

import tokenstream.protocol.TopicNames;
import java.time.Duration;

/**
 * How the pipeline's topics are laid out on a cluster.
 *
 * @param names             the topic names
 * @param chunksPartitions  partitions of the chunks topic (and of the control and responses topics); fixed for
 *                          the life of the topic, because a conversation's partition is its key's hash modulo this
 * @param replicationFactor copies of every partition; 3 on a production cluster, 1 on a single local broker
 * @param minInsyncReplicas copies that must have a record before an {@code acks=all} write is acknowledged
 * @param chunksRetention   how long chunks stay readable (resume, replay, audit rebuild); also how long a response
 *                          id stays claimed by its conversation on the response-owners topic
 * @param controlRetention  how long control messages stay
 */
public record TopicSettings(TopicNames names, int chunksPartitions, int replicationFactor, int minInsyncReplicas,
                            Duration chunksRetention, Duration controlRetention) {

    public TopicSettings {
        if (chunksPartitions < 1) {
            throw new IllegalArgumentException("chunks partitions must be at least 1, got " + chunksPartitions);
        }
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 1 and the replication factor ("
                    + replicationFactor + "), got " + minInsyncReplicas
                    + "; above it every acks=all write would fail");
        }
    }

    /** The local single-broker layout: 6 chunk partitions, one copy, 7 days of chunks, 1 day of control. */
    public static TopicSettings localDefaults() {
        return new TopicSettings(TopicNames.defaults(), 6, 1, 1, Duration.ofDays(7), Duration.ofDays(1));
    }

    public TopicSettings withReplication(int replicationFactor, int minInsyncReplicas) {
        return new TopicSettings(names, chunksPartitions, replicationFactor, minInsyncReplicas, chunksRetention,
                controlRetention);
    }

    public TopicSettings withChunksPartitions(int partitions) {
        return new TopicSettings(names, partitions, replicationFactor, minInsyncReplicas, chunksRetention,
                controlRetention);
    }
}
