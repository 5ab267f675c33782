package tokenstream.consumers.errors;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

import java.util.Map;

/**
 * An output record that cannot be serialized or written: the INPUT record that produced it goes to the dead-letter
 * topic with the reason (the output itself may be what is too large), and processing CONTINUES. A retriable error
 * (the broker is away, a leader moves) is RETRIED instead: dropping audit records because Kafka blinked would be
 * worse than waiting.
 *
 * <p>A backstop, not the plan: under exactly-once the 4.1 producer marks the transaction for abort after a failed
 * send, so the task is retried from its last commit and may meet the same error again. That is why the assembly
 * never emits a record above its own size limit ({@code tokenstream.consumers.max-record-bytes}, below the
 * producer's {@code max.request.size}); this handler is for what nobody foresaw.
 */
public class DeadLetterProductionHandler implements ProductionExceptionHandler {
    private DeadLetterSender letters;

    @Override
    public void configure(Map<String, ?> configs) {
        letters = DeadLetterSender.forConfigs(configs);
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        if (exception instanceof TransactionAbortableException) {
            // Kafka aborted the transaction (the broker stayed away past the producer's wait): the output is not bad,
            // and the task is retried from its last commit once the thread is replaced. Nothing to dead-letter.
            return ProductionExceptionHandlerResponse.FAIL;
        }
        letter(context, record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        letter(context, record.topic(), exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    private void letter(ErrorHandlerContext context, String outputTopic, Exception exception) {
        letters.send(context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                "could not write its output to " + outputTopic + ": " + DeadLetterSender.describe(exception),
                DeadLetterSender.source(context.topic(), context.partition(), context.offset()));
    }
}
