package tokenstream.ingest.security;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.protocol.ResponseClaim;
import tokenstream.servicekit.kafka.AcknowledgedSend;
import tokenstream.kafkasetup.KafkaConnection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Writes claims to the response-owners topic, keyed by response id so that every claim of an id shares a partition. */
@ApplicationScoped
public class ClaimWriter {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public ClaimWriter(KafkaConnection connection, OwnersConfig config, ChunkWriterConfig writerConfig) {
        this.topic = config.topic();
        int deliveryTimeoutMs = (int) writerConfig.deliveryTimeout().toMillis();
        this.producer = new KafkaProducer<>(connection.clientProperties(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-owners",
                // A claim decides who owns a response: it must survive the loss of a broker, and a retry must not
                // put it behind a competing claim it was ahead of.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                // One claim per new response, waited for by its request: no batching delay.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(15_000, deliveryTimeoutMs),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs)), new StringSerializer(), new ByteArraySerializer());
    }

    /** Completes with the record's position once every in-sync replica has it. */
    public CompletableFuture<RecordMetadata> write(String responseId, ResponseClaim claim) {
        return AcknowledgedSend.send(producer, new ProducerRecord<>(topic, responseId, claim.write()));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
