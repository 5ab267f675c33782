package tokenstream.kafkasetup;

import org.apache.kafka.clients.admin.NewTopic;

import java.util.Map;

/**
 * One topic as the pipeline wants it.
 *
 * @param fixedPartitions whether an existing topic with another partition count must be refused rather than
 *                        reported (true where the key-to-partition mapping carries ordering)
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs,
                        boolean fixedPartitions) {

    public TopicSpec {
        configs = Map.copyOf(configs);
    }

    public NewTopic toNewTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }
}
