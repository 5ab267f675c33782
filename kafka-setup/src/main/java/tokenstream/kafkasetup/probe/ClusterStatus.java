package tokenstream.kafkasetup.probe;

import java.time.Instant;

/**
 * What the last probe of the Kafka cluster saw.
 *
 * @param reachable whether the cluster answered a metadata request in time
 * @param brokers   brokers the cluster reported (0 when unreachable)
 * @param detail    the controller's id when reachable, else why not
 * @param at        when the probe ran
 */
public record ClusterStatus(boolean reachable, int brokers, String detail, Instant at) {
}
