package tokenstream.servicekit.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import tokenstream.kafkasetup.KafkaConnection;

import java.util.Map;

/**
 * The service's one {@link KafkaConnection}, built from its {@code kafka.*} properties (and {@code KAFKA_*}
 * environment variables), the same map Quarkus hands to Kafka Streams: so {@code kafka.security.protocol},
 * {@code kafka.sasl.*} and {@code kafka.ssl.*} reach every Kafka client of the service, not only some.
 */
@ApplicationScoped
public class ServiceKafkaConnection {
    private static final Logger LOG = Logger.getLogger(ServiceKafkaConnection.class);

    @Produces
    @Singleton
    KafkaConnection connection(@Identifier("default-kafka-broker") Map<String, Object> kafkaProperties) {
        KafkaConnection connection = KafkaConnection.fromClientProperties(kafkaProperties);
        LOG.infof("Kafka clients connect to %s over %s", connection.bootstrapServers(), connection.securityProtocol());
        return connection;
    }
}
