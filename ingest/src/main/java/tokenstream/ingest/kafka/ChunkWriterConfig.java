package tokenstream.ingest.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Where and how chunk events are written. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface ChunkWriterConfig {

    /** The chunks topic. */
    @WithName("topics.chunks")
    String chunksTopic();

    /** How long the producer may hold a record to batch it with the following ones. */
    @WithName("kafka.linger-ms")
    int lingerMs();

    /**
     * Upper bound for a record to be acknowledged, retries included (the producer's
     * {@code delivery.timeout.ms}); after it the write fails instead of hanging.
     */
    @WithName("kafka.delivery-timeout")
    Duration deliveryTimeout();

    /** The producer's {@code compression.type} for chunk batches: {@code none}, {@code lz4}, {@code snappy}, {@code zstd}, {@code gzip}. */
    @WithName("kafka.compression")
    String compression();

    /**
     * How often ingest asks the cluster for its metadata to learn whether it is reachable; while it is not, starts
     * and pushes are refused at once with 503 {@code kafka_unavailable} instead of waiting for the delivery timeout.
     */
    @WithName("kafka.availability-check-interval")
    Duration availabilityCheckInterval();
}
