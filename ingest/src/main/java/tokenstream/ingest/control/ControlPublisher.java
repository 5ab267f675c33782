package tokenstream.ingest.control;

import tokenstream.kafkasetup.KafkaConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.ControlMessageCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.servicekit.kafka.AcknowledgedSend;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends control messages, and dead-letters unreadable control records. */
@ApplicationScoped
public class ControlPublisher {
    private final KafkaProducer<String, byte[]> producer;
    private final ControlConfig config;

    public ControlPublisher(KafkaConnection connection, ControlConfig config) {
        this.config = config;
        this.producer = new KafkaProducer<>(connection.clientProperties(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "tokenstream-ingest-control",
                ProducerConfig.ACKS_CONFIG, "all",
                // A cancel is latency-sensitive and rare: no batching delay.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)), new StringSerializer(), new ByteArraySerializer());
    }

    /** Completes when the broker has the message. */
    public CompletableFuture<Void> publish(ControlMessage message) {
        return send(new ProducerRecord<>(config.controlTopic(), message.conversationId(), ControlMessageCodec.write(message)));
    }

    void deadLetter(String key, byte[] value, String reason, String source) {
        send(new ProducerRecord<>(config.deadLetterTopic(), null, key, value, List.of(
                new RecordHeader(EventHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(EventHeaders.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8)))));
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        return AcknowledgedSend.send(producer, record, metadata -> null, error -> {
        });
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
