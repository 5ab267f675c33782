package tokenstream.systemtests;

import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.kafkalocal.LocalKafkaCluster;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.protocol.Topics;
import tokenstream.kafkasetup.TopicSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A 3-broker cluster (replication 3, min.insync.replicas 2) loses the leader of its busiest chunks partition to
 * SIGKILL while 200 conversations stream: nothing acknowledged is lost, every client ends with the whole text
 * (equal to the audit record), and ingest, relay and consumers recover without a restart.
 */
class BrokerFailoverTest {
    private static final int CONVERSATIONS = 200;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killingTheBusiestPartitionsLeaderMidStreamLosesNoAcknowledgedTokenAndEveryPartRecovers() throws Exception {
        long began = System.nanoTime();
        Path data = Files.createTempDirectory("tokenstream-failover-");
        try (LocalKafkaCluster cluster = LocalKafkaCluster.start(3, data.resolve("kafka"), Map.of())) {
            try (var admin = cluster.admin()) {
                TopicPlan.ensure(admin, TopicSettings.localDefaults().withReplication(3, 2));
            }
            LocalStack.Builder builder = OwnStack.builder(data).externalKafka(cluster.bootstrapServers());
            for (Service service : Service.values()) {
                builder.property(service, "tokenstream.topics.replication-factor", "3")
                        .property(service, "tokenstream.topics.min-insync-replicas", "2");
            }
            try (LocalStack stack = builder.build().start();
                 FailureDrill drill = new FailureDrill(stack, CONVERSATIONS)) {
                log("cluster and stack up", began);
                drill.awaitSteadyState("failover-before");
                log("pipeline in steady state", began);
                assertEveryTopicSurvivesOneBroker(cluster);
                drill.startStreaming("failover", CONVERSATIONS);
                int partition = drill.busiestPartition();
                int leader = cluster.leaderOf(Topics.CHUNKS, partition);
                cluster.killNode(leader);
                log("killed node " + leader + ", leader of " + Topics.CHUNKS + "-" + partition, began);

                int reconnects = drill.assertEveryResponseCompleteAndAudited();
                log("all " + CONVERSATIONS + " responses complete and audited, " + reconnects + " client reconnects", began);
                assertNotEquals(leader, cluster.leaderOf(Topics.CHUNKS, partition), "a surviving replica leads now");
                drill.assertServicesRecoveredByThemselves("failover-after");

                cluster.startNode(leader);
                cluster.awaitInSync(Duration.ofSeconds(90), List.of(Topics.CHUNKS));
                log("node " + leader + " back in sync", began);
            }
        }
    }

    // Which node the drill kills depends on the partition leaders of the run, so a topic with a single replica
    // (response-stats once had one) failed only in the runs that killed its broker. Checked here, it fails every run.
    private static void assertEveryTopicSurvivesOneBroker(LocalKafkaCluster cluster) throws Exception {
        try (var admin = cluster.admin()) {
            Set<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                    .get(20, TimeUnit.SECONDS);
            List<String> fragile = admin.describeTopics(names).allTopicNames().get(20, TimeUnit.SECONDS).values()
                    .stream()
                    .filter(t -> t.partitions().stream().anyMatch(p -> p.replicas().size() < 3))
                    .map(TopicDescription::name).sorted().toList();
            assertEquals(List.of(), fragile, "topics with fewer than 3 replicas, which a broker loss can take offline");
        }
    }

    static void log(String what, long began) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - began) / 1e9, what);
    }
}
