package tokenstream.servicekit.topics;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** The pipeline's topic layout, shared by every service (prefix {@code tokenstream.topics}). */
@ConfigMapping(prefix = "tokenstream.topics")
public interface TopicsConfig {
    /** Whether this service creates the missing topics and checks the existing ones when it starts. */
    boolean autoCreate();

    /** Partitions of the chunks topic; a running chunks topic with another count stops the start. */
    int chunksPartitions();

    int replicationFactor();

    int minInsyncReplicas();

    Duration chunksRetention();

    Duration controlRetention();

    /** How long the start waits for Kafka to answer before it fails. */
    Duration startupTimeout();

    String chunks();

    String responses();

    String control();

    String deadLetter();

    /** Ingest's claims of response ids (which conversation and producer own each id); key = response id. */
    String responseOwners();
}
