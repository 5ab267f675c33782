package tokenstream.relay.tail;

import tokenstream.kafkasetup.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Consumer settings shared by the shared tail and the catch-up readers: no group, no commits, positions are ours. */
@ApplicationScoped
public class ChunkConsumerSettings {
    private final KafkaConnection connection;

    public ChunkConsumerSettings(KafkaConnection connection) {
        this.connection = connection;
    }

    public Map<String, Object> consumer(String clientId) {
        Map<String, Object> props = connection.clientProperties();
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
