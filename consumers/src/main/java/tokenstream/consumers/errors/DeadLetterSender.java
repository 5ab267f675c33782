package tokenstream.consumers.errors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventHeaders;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends what Kafka Streams' exception handlers give up on to the dead-letter topic, with the
 * {@value EventHeaders#DEAD_LETTER_REASON} and {@value EventHeaders#DEAD_LETTER_SOURCE} headers.
 *
 * <p>Kafka Streams 4.1 has no dead-letter support of its own in its handlers (KIP-1034 arrives in 4.2), and a handler
 * cannot write through the stream thread's transactional producer; so these letters go through one plain idempotent
 * producer per application, outside the transaction: at least once (a task that is retried may send a letter again).
 * Records the assembly itself rejects go to the dead-letter topic inside the transaction instead, exactly once.
 * The topic is given by the Streams property {@value #TOPIC_CONFIG}.
 */
final class DeadLetterSender {
    /** Streams property naming the dead-letter topic; passed to the handlers' {@code configure}. */
    static final String TOPIC_CONFIG = "tokenstream.dead-letter.topic";
    private static final Logger LOG = Logger.getLogger(DeadLetterSender.class);
    private static final int MAX_REASON = 1000;
    private static final Map<String, DeadLetterSender> SHARED = new HashMap<>();

    private final String topic;
    private final Map<String, Object> producerConfig;
    private Producer<byte[], byte[]> producer;

    private DeadLetterSender(String topic, Map<String, Object> producerConfig) {
        this.topic = topic;
        this.producerConfig = producerConfig;
    }

    /** The sender for these Streams configs; one producer per bootstrap servers and topic in this JVM. */
    static synchronized DeadLetterSender forConfigs(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        if (topic == null) {
            throw new IllegalArgumentException("Streams property " + TOPIC_CONFIG + " must name the dead-letter topic");
        }
        Map<String, Object> producer = new HashMap<>(new StreamsConfig(configs).getProducerConfigs("tokenstream-dead-letter"));
        producer.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        String key = producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + "/" + topic;
        return SHARED.computeIfAbsent(key, k -> new DeadLetterSender(topic.toString(), producer));
    }

    /**
     * Sends the letter without waiting; a failure is logged with the record's source (the letter is then only in
     * the log).
     */
    void send(byte[] key, byte[] value, Headers original, String reason, String source) {
        Headers headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0]
                : original.toArray());
        headers.remove(EventHeaders.DEAD_LETTER_REASON);
        headers.remove(EventHeaders.DEAD_LETTER_SOURCE);
        String shortReason = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
        headers.add(EventHeaders.DEAD_LETTER_REASON, shortReason.getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        LOG.warnf("dead-lettering record %s: %s", source, shortReason);
        try {
            producer().send(new ProducerRecord<>(topic, null, key, value, headers), (metadata, error) -> {
                if (error != null) {
                    LOG.errorf(error, "dead letter for %s could not be written to %s (reason was: %s)", source, topic,
                            shortReason);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "dead letter for %s could not be written to %s (reason was: %s)", source, topic, shortReason);
        }
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    static String source(String topic, int partition, long offset) {
        return topic == null ? "unknown" : topic + "/" + partition + "/" + offset;
    }

    static String describe(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
