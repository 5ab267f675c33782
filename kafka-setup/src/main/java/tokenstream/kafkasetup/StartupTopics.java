package tokenstream.kafkasetup;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;

/** The step a service runs at start: ensure the topics with a short-lived admin client. */
public final class StartupTopics {
    private StartupTopics() {
    }

    /**
     * Creates or checks the topics.
     *
     * @throws PartitionCountMismatchException if the chunks topic has another partition count; the service must not start
     * @throws IllegalStateException           if Kafka does not answer within {@code timeout} or refuses a topic
     */
    public static ProvisionReport ensure(KafkaConnection connection, TopicSettings settings, Duration timeout) {
        try (Admin admin = Admin.create(connection.clientProperties(Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, "tokenstream-topics",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())))) {
            return new TopicProvisioner(admin, timeout).ensure(settings);
        }
    }
}
