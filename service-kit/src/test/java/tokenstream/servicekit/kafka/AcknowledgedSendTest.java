package tokenstream.servicekit.kafka;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AcknowledgedSendTest {
    private static final ProducerRecord<String, String> RECORD = new ProducerRecord<>("t", "k", "v");

    private final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());

    @Test
    void theFutureWaitsForTheAcknowledgement() {
        CompletableFuture<RecordMetadata> acked = AcknowledgedSend.send(producer, RECORD);

        assertFalse(acked.isDone());
        producer.completeNext();
        assertEquals("t", acked.join().topic());
    }

    @Test
    void aDeliveryFailureFailsTheFutureWithTheProducersOwnException() {
        TimeoutException timeout = new TimeoutException("delivery timeout");
        CompletableFuture<RecordMetadata> acked = AcknowledgedSend.send(producer, RECORD);

        producer.errorNext(timeout);

        assertSame(timeout, cause(acked));
    }

    @Test
    void anExceptionFromSendItselfFailsTheFutureInsteadOfBeingThrown() {
        producer.close();

        CompletableFuture<RecordMetadata> acked = AcknowledgedSend.send(producer, RECORD);

        assertTrue(cause(acked) instanceof IllegalStateException, String.valueOf(cause(acked)));
    }

    @Test
    void theAcknowledgementIsMappedBeforeTheFutureCompletes() {
        List<String> order = new ArrayList<>();
        CompletableFuture<String> acked = AcknowledgedSend.send(producer, RECORD, metadata -> {
            order.add("mapped");
            return metadata.topic() + "/" + metadata.partition();
        }, error -> order.add("failed"));
        acked.thenRun(() -> order.add("completed"));

        producer.completeNext();

        assertEquals("t/0", acked.join());
        assertEquals(List.of("mapped", "completed"), order);
    }

    @Test
    void aFailureIsReportedBeforeTheFutureFails() {
        List<String> order = new ArrayList<>();
        CompletableFuture<RecordMetadata> acked = AcknowledgedSend.send(producer, RECORD, metadata -> metadata,
                error -> order.add("failed " + error.getMessage()));
        acked.whenComplete((metadata, error) -> order.add("completed"));

        producer.errorNext(new TimeoutException("late"));

        assertEquals(List.of("failed late", "completed"), order);
    }

    private static Throwable cause(CompletableFuture<?> future) {
        return assertThrows(ExecutionException.class, future::get).getCause();
    }
}
