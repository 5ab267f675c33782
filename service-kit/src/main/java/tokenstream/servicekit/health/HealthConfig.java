package tokenstream.servicekit.health;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Readiness probing of Kafka (prefix {@code tokenstream.health}, the same in every service). */
@ConfigMapping(prefix = "tokenstream.health")
public interface HealthConfig {
    /** How long one probe waits for the cluster before it counts as unreachable. */
    Duration kafkaTimeout();

    /** How long a probe's answer is reused. */
    Duration kafkaCache();
}
