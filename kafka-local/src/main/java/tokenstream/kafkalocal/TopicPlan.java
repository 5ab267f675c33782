package tokenstream.kafkalocal;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import tokenstream.protocol.Topics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The topics of the pipeline with their settings, created idempotently. */
public final class TopicPlan {
    /** Partitions of the chunks topic on the local stack; a conversation's key picks one. */
    public static final int CHUNK_PARTITIONS = 6;

    private TopicPlan() {
    }

    /** The topics the local stack and the tests use. */
    public static List<NewTopic> defaults() {
        return List.of(
                new NewTopic(Topics.CHUNKS, CHUNK_PARTITIONS, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(7)),
                        "cleanup.policy", "delete")),
                new NewTopic(Topics.RESPONSES, CHUNK_PARTITIONS, (short) 1).configs(Map.of(
                        "cleanup.policy", "compact")),
                new NewTopic(Topics.CONTROL, CHUNK_PARTITIONS, (short) 1).configs(Map.of(
                        "retention.ms", String.valueOf(TimeUnit.DAYS.toMillis(1)))),
                new NewTopic(Topics.DEAD_LETTER, 1, (short) 1));
    }

    /** Creates each topic that does not exist yet; existing topics are left as they are. */
    public static void apply(Admin admin, List<NewTopic> topics) {
        for (NewTopic topic : topics) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name(), e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create topic " + topic.name(), e);
            }
        }
    }
}
