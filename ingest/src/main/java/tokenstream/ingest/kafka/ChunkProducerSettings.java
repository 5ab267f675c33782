package tokenstream.ingest.kafka;

import tokenstream.kafkasetup.KafkaConnection;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;

/** The producer settings of the chunks topic, and why each one is what it is. */
final class ChunkProducerSettings {
    private ChunkProducerSettings() {
    }

    static Map<String, Object> of(KafkaConnection connection, ChunkWriterConfig config) {
        int deliveryTimeoutMs = (int) config.deliveryTimeout().toMillis();
        Map<String, Object> settings = connection.clientProperties();
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-chunks");
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        // A retried batch must neither duplicate nor reorder the tokens of a response: idempotence keeps
        // per-partition order with up to 5 requests in flight, and it requires acks=all.
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // Each token is user-visible latency, so records may wait only a few milliseconds; that is still
        // enough to batch the tokens of many concurrent responses that share a partition.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        // Bounded waits: a write either succeeds or fails within the delivery timeout, so no caller and no
        // response waits forever on a lost broker. send() itself blocks at most max.block.ms for metadata.
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(15_000, deliveryTimeoutMs - config.lingerMs()));
        // A broker restart must not fail a send() before the delivery timeout would: wait as long for metadata.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
        return settings;
    }
}
