package tokenstream.servicekit.kafka;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends a record and completes a future when the broker acknowledged it (or could not be given it): the one way
 * tokenstream's writers turn Kafka's callback into something a request can wait on.
 *
 * <p>The future fails with the producer's own exception, never wrapped, whether {@code send} threw it (buffer
 * full, producer closed, record too large) or the callback reported it (delivery timeout). Completion runs on the
 * producer's I/O thread: stages added to the future must be short and must not send synchronously.
 */
public final class AcknowledgedSend {
    private AcknowledgedSend() {
    }

    /** Completes with the record's metadata once the broker acknowledged it. */
    public static <K, V> CompletableFuture<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        return send(producer, record, metadata -> metadata, error -> {
        });
    }

    /**
     * Completes with {@code onAcknowledged}'s result once the broker acknowledged the record. {@code onAcknowledged}
     * or {@code onFailed} runs first, before anything waiting on the future sees the outcome, so that a writer's own
     * bookkeeping (metrics, health) is never behind what its callers saw.
     */
    public static <K, V, T> CompletableFuture<T> send(Producer<K, V> producer, ProducerRecord<K, V> record,
                                                      Function<RecordMetadata, T> onAcknowledged,
                                                      Consumer<Exception> onFailed) {
        CompletableFuture<T> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    fail(acked, onFailed, error);
                } else {
                    acked.complete(onAcknowledged.apply(metadata));
                }
            });
        } catch (RuntimeException e) {
            fail(acked, onFailed, e);
        }
        return acked;
    }

    private static void fail(CompletableFuture<?> acked, Consumer<Exception> onFailed, Exception error) {
        onFailed.accept(error);
        acked.completeExceptionally(error);
    }
}
