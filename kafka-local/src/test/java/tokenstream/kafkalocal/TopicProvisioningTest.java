package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.kafkasetup.PartitionCountMismatchException;
import tokenstream.kafkasetup.ProvisionReport;
import tokenstream.kafkasetup.TopicAdmin;
import tokenstream.protocol.TopicNames;
import tokenstream.kafkasetup.TopicSettings;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topics step on a real broker: create what is missing, check what exists, refuse a changed chunks topic. */
class TopicProvisioningTest {
    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = SharedKafka.get().admin();
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    private static TopicSettings fresh(int partitions) {
        String prefix = "prov-" + UUID.randomUUID() + ".";
        return new TopicSettings(new TopicNames(prefix + "chunks", prefix + "responses", prefix + "control", prefix + "dlq",
                prefix + "owners"),
                partitions, 1, 1, Duration.ofDays(2), Duration.ofHours(6));
    }

    @Test
    void missingTopicsAreCreatedWithTheirPartitionsAndConfigs() throws Exception {
        TopicSettings settings = fresh(4);
        ProvisionReport report = TopicPlan.ensure(admin, settings);
        assertEquals(List.of(settings.names().chunks(), settings.names().responses(), settings.names().control(),
                settings.names().deadLetter(), settings.names().responseOwners()), report.created());
        var chunks = admin.describeTopics(List.of(settings.names().chunks())).allTopicNames().get(20, TimeUnit.SECONDS)
                .get(settings.names().chunks());
        assertEquals(4, chunks.partitions().size());
        assertEquals(String.valueOf(Duration.ofDays(2).toMillis()), config(settings.names().chunks(), "retention.ms"));
        assertEquals("compact", config(settings.names().responses(), "cleanup.policy"));
        assertEquals("1", config(settings.names().chunks(), "min.insync.replicas"));
        assertEquals("compact,delete", config(settings.names().responseOwners(), "cleanup.policy"));
    }

    @Test
    void runningTheStepAgainChangesNothingAndReportsNoDrift() {
        TopicSettings settings = fresh(3);
        TopicPlan.ensure(admin, settings);
        ProvisionReport again = TopicPlan.ensure(admin, settings);
        assertEquals(List.of(), again.created());
        assertEquals(5, again.existing().size());
        assertEquals(List.of(), again.drift());
    }

    @Test
    void chunksTopicWithAnotherPartitionCountIsRefusedWithTheReason() {
        TopicSettings settings = fresh(3);
        TopicPlan.ensure(admin, settings);
        var refused = assertThrows(PartitionCountMismatchException.class,
                () -> TopicPlan.ensure(admin, settings.withChunksPartitions(6)));
        assertEquals(3, refused.actual());
        assertEquals(6, refused.configured());
        assertTrue(refused.getMessage().contains("has 3 partitions but 6 are configured")
                && refused.getMessage().contains("order"), refused.getMessage());
    }

    @Test
    void aTopicSomeoneCreatedWithOtherSettingsIsReportedAsDriftAndLeftAlone() throws Exception {
        TopicSettings settings = fresh(3);
        TopicPlan.apply(admin, List.of(new NewTopic(settings.names().responses(), 3, (short) 1)));
        ProvisionReport report = TopicPlan.ensure(admin, settings);
        assertTrue(report.existing().contains(settings.names().responses()), report.toString());
        assertTrue(report.drift().contains(settings.names().responses() + " has cleanup.policy=delete, configured compact"),
                report.drift().toString());
        assertEquals("delete", config(settings.names().responses(), "cleanup.policy"));
    }

    @Test
    void replicationAboveTheBrokerCountIsExplained() {
        TopicSettings settings = fresh(2).withReplication(3, 2);
        var e = assertThrows(IllegalStateException.class, () -> TopicPlan.ensure(admin, settings));
        assertTrue(e.getMessage().contains("replication factor 3") && e.getMessage().contains("number of brokers"),
                e.getMessage());
    }

    @Test
    void topicAdminCommandCreatesTopicsAndExitsWithTwoOnAChangedChunksTopic() {
        TopicSettings settings = fresh(2);
        String bootstrap = SharedKafka.get().bootstrapServers();
        List<String> args = List.of("--bootstrap-server", bootstrap, "--chunks-topic", settings.names().chunks(),
                "--responses-topic", settings.names().responses(), "--control-topic", settings.names().control(),
                "--dead-letter-topic", settings.names().deadLetter(),
                "--response-owners-topic", settings.names().responseOwners());
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int created = TopicAdmin.run(concat(args, "--chunks-partitions", "2"), print(out), print(err));
        assertEquals(0, created, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("created " + settings.names().chunks()), out.toString());

        int mismatch = TopicAdmin.run(concat(args, "--chunks-partitions", "5"), print(out), print(err));
        assertEquals(2, mismatch);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has 2 partitions but 5 are configured"), err.toString());
    }

    private static List<String> concat(List<String> args, String... more) {
        var all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    private static String config(String topic, String name) throws Exception {
        var resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        // A topic just created may not be in the answering broker's metadata yet (seen on a loaded machine).
        return await(topic + " in the broker's metadata").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptionsMatching(e -> e instanceof java.util.concurrent.ExecutionException
                        && e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                .until(() -> admin.describeConfigs(List.of(resource)).all().get(20, TimeUnit.SECONDS).get(resource).get(name),
                        Objects::nonNull)
                .value();
    }
}
