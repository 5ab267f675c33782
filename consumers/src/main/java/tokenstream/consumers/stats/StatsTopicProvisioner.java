package tokenstream.consumers.stats;

import tokenstream.kafkasetup.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the response-stats topic (compacted: only each window's latest summary matters) if it is missing, with
 * the replication of the pipeline's other topics ({@code tokenstream.topics.replication-factor} and
 * {@code min-insync-replicas}).
 */
public final class StatsTopicProvisioner {
    static final int PARTITIONS = 1;
    private static final Logger LOG = Logger.getLogger(StatsTopicProvisioner.class);

    private StatsTopicProvisioner() {
    }

    // Every exactly-once transaction of the consumers that ends a response also writes to this topic. With a single
    // replica, losing its broker leaves the partition offline; Streams' producer never expires a batch
    // (delivery.timeout.ms is Integer.MAX_VALUE under exactly-once), so the commit's flush waits for the broker to
    // return, the stream thread stalls while Kafka Streams still reports RUNNING, and no response is audited.
    public static void ensureExists(KafkaConnection connection, String topic, int replicationFactor,
                                    int minInsyncReplicas) {
        try (Admin admin = Admin.create(connection.clientProperties(Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            if (!create(admin, topic, replicationFactor, minInsyncReplicas)) {
                warnIfUnderReplicated(admin, topic, replicationFactor);
            }
        }
    }

    /** Creates the topic; false if it exists already. */
    private static boolean create(Admin admin, String topic, int replicationFactor, int minInsyncReplicas) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact",
                            "min.insync.replicas", String.valueOf(minInsyncReplicas)))))
                    .all().get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create topic " + topic, e);
        }
    }

    // A topic created before its replication was configured keeps its single copy: say so rather than reassign a
    // live topic's replicas behind the operator's back.
    private static void warnIfUnderReplicated(Admin admin, String topic, int replicationFactor) {
        try {
            int replicas = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(replicationFactor);
            if (replicas < replicationFactor) {
                LOG.warnf("topic %s has %d replica(s) but tokenstream.topics.replication-factor is %d: losing a broker"
                        + " that holds it stalls the audit until that broker returns; add replicas with"
                        + " kafka-reassign-partitions", topic, replicas, replicationFactor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Only the warning is lost: the topic exists and the topology can write to it.
            LOG.debugf(e, "cannot check the replication of topic %s", topic);
        }
    }
}
