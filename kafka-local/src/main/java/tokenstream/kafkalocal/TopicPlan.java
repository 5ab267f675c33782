package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import tokenstream.kafkasetup.ProvisionReport;
import tokenstream.kafkasetup.TopicLayout;
import tokenstream.kafkasetup.TopicProvisioner;
import tokenstream.kafkasetup.TopicSettings;
import tokenstream.kafkasetup.TopicSpec;

import java.time.Duration;
import java.util.List;

/** The topics of the pipeline with their settings, created idempotently by the {@code topics} module. */
public final class TopicPlan {
    /** Partitions of the chunks topic on the local stack; a conversation's key picks one. */
    public static final int CHUNK_PARTITIONS = TopicSettings.localDefaults().chunksPartitions();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicPlan() {
    }

    /** The topics the local stack and the tests use: {@link TopicSettings#localDefaults()}. */
    public static List<NewTopic> defaults() {
        return TopicLayout.of(TopicSettings.localDefaults()).stream().map(TopicSpec::toNewTopic).toList();
    }

    /** Creates each topic that does not exist yet; existing topics are left as they are. */
    public static void apply(Admin admin, List<NewTopic> topics) {
        new TopicProvisioner(admin, TIMEOUT).ensure(TopicProvisioner.specsOf(topics));
    }

    /**
     * Creates or checks the pipeline's topics for {@code settings}, refusing a chunks topic with another
     * partition count ({@link tokenstream.kafkasetup.PartitionCountMismatchException}).
     */
    public static ProvisionReport ensure(Admin admin, TopicSettings settings) {
        return new TopicProvisioner(admin, TIMEOUT).ensure(settings);
    }
}
