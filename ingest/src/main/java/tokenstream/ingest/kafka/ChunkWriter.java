package tokenstream.ingest.kafka;

import tokenstream.kafkasetup.KafkaConnection;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.jboss.logging.Logger;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkRecordParts;
import tokenstream.protocol.EventId;
import tokenstream.protocol.TraceContext;
import tokenstream.servicekit.kafka.AcknowledgedSend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes chunk events to the chunks topic through one shared producer. Records are keyed by
 * conversation id, so all events of a conversation land on one partition in the order they were
 * written; callers that write one response's events in seq order from one thread at a time therefore
 * get them on the topic in seq order.
 */
@ApplicationScoped
public class ChunkWriter {
    private static final Logger LOG = Logger.getLogger(ChunkWriter.class);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final KafkaClientMetrics clientMetrics;
    private final Timer acknowledged;
    private final Counter failed;
    private final ProducerHealth health = new ProducerHealth();

    public ChunkWriter(KafkaConnection connection, ChunkWriterConfig config, MeterRegistry registry) {
        KafkaProducer<String, byte[]> kafkaProducer = new KafkaProducer<>(ChunkProducerSettings.of(connection, config));
        this.producer = kafkaProducer;
        this.topic = config.chunksTopic();
        // The producer is built here, not by a Quarkus extension, so its own metrics (batch sizes, request latency,
        // retries, buffer use) reach /q/metrics only through this binder.
        this.clientMetrics = new KafkaClientMetrics(kafkaProducer);
        clientMetrics.bindTo(registry);
        this.acknowledged = Timer.builder("tokenstream.ingest.chunk.write")
                .description("from send() to the broker's acknowledgement (acks=all) of a chunk")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
        this.failed = Counter.builder("tokenstream.ingest.chunk.write.failures")
                .description("chunks Kafka did not acknowledge within the delivery timeout; their responses fail")
                .register(registry);
    }

    /** The chunks topic written to. */
    public String topic() {
        return topic;
    }

    /** What the producer's own sends say about it: closed, failed fatally, timing out. */
    public ProducerHealth health() {
        return health;
    }

    /**
     * Sends the event. The future completes with the record's position once the broker acknowledged it,
     * or exceptionally if it could not be written. Callback stages run on the producer's I/O thread:
     * keep them short and do not write from them synchronously.
     */
    public CompletableFuture<EventId> write(ChunkEvent event) {
        return write(event, null);
    }

    /**
     * Sends the event like {@link #write(ChunkEvent)}, its record carrying {@code trace} in its
     * {@code traceparent} / {@code tracestate} headers (none when {@code trace} is null), so that its readers' spans
     * join the trace of the start or push that wrote it.
     */
    public CompletableFuture<EventId> write(ChunkEvent event, TraceContext trace) {
        ProducerRecord<String, byte[]> record;
        try {
            ChunkRecordParts parts = ChunkRecordParts.of(event, trace);
            record = new ProducerRecord<>(topic, parts.key(), parts.value());
            parts.encodedHeaders().forEach(record.headers()::add);
        } catch (RuntimeException e) {
            countFailure(e);
            return CompletableFuture.failedFuture(e);
        }
        long sentAt = System.nanoTime();
        return AcknowledgedSend.send(producer, record, metadata -> {
            acknowledged.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
            health.acknowledged();
            return new EventId(metadata.partition(), metadata.offset());
        }, this::countFailure);
    }

    private void countFailure(Exception error) {
        failed.increment();
        health.failed(error);
    }

    @PreDestroy
    void close() {
        LOG.info("flushing and closing the chunks producer");
        health.closed();
        producer.close(Duration.ofSeconds(10));
        clientMetrics.close();
    }
}
