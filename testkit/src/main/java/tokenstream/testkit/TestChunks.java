package tokenstream.testkit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkRecordParts;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Topics;
import tokenstream.protocol.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Puts records on the chunks topic for tests: events exactly as ingest writes them ({@link ChunkRecordParts}), and
 * raw or hostile records that only something other than ingest would write. Every write waits for its
 * acknowledgement.
 */
public final class TestChunks implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public TestChunks(String bootstrapServers) {
        this(bootstrapServers, Topics.CHUNKS);
    }

    public TestChunks(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Writes one event and waits for its acknowledgement. */
    public EventId write(ChunkEvent event) {
        ChunkRecordParts parts = ChunkRecordParts.of(event);
        return writeRaw(parts.key(), parts.value(), parts.encodedHeaders());
    }

    /** Writes raw bytes under a key, as a careless console producer would. */
    public EventId writeRaw(String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    /** Writes raw bytes and headers under a key, as any client with write access to the topic could. */
    public EventId writeRaw(String key, byte[] value, Map<String, byte[]> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header));
        return send(record);
    }

    /** Writes a whole response: started, one delta per token, completed. Returns each event's position. */
    public List<EventId> writeResponse(String conversationId, String responseId, List<String> tokens) {
        List<EventId> ids = new ArrayList<>();
        Instant now = Instant.now();
        ids.add(write(new ChunkEvent.ResponseStarted(conversationId, responseId, 0, now, "test-model", null)));
        for (int i = 0; i < tokens.size(); i++) {
            ids.add(write(new ChunkEvent.TextDelta(conversationId, responseId, i + 1, Instant.now(), tokens.get(i))));
        }
        ids.add(write(new ChunkEvent.ResponseCompleted(conversationId, responseId, tokens.size() + 1, Instant.now(),
                "stop", Usage.of(1, tokens.size()))));
        return ids;
    }

    private EventId send(ProducerRecord<String, byte[]> record) {
        try {
            RecordMetadata metadata = producer.send(record).get(30, TimeUnit.SECONDS);
            return new EventId(metadata.partition(), metadata.offset());
        } catch (Exception e) {
            throw new IllegalStateException("write to " + topic + " failed", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
