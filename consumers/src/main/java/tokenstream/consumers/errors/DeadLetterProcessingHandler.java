package tokenstream.consumers.errors;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;

import java.util.Map;

/**
 * An exception thrown while a record is processed (anywhere in the topology): the input record that caused it goes
 * to the dead-letter topic with the reason, and processing CONTINUES with the next record. Failing instead would move
 * the application to ERROR, and under exactly-once a restart replays the same record and fails again: one bad
 * record would stop every audit for good.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private DeadLetterSender letters;

    @Override
    public void configure(Map<String, ?> configs) {
        letters = DeadLetterSender.forConfigs(configs);
    }

    @Override
    public ProcessingHandlerResponse handle(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof StreamsException) {
            // Kafka Streams' own failure (a state store that cannot be written...), not this record's: continuing
            // would dead-letter every record while saying RUNNING. Failing stops the application in ERROR, which
            // liveness reports, and a restart rebuilds the local state from the changelogs.
            return ProcessingHandlerResponse.FAIL;
        }
        letters.send(context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                "processing failed in " + context.processorNodeId() + ": " + DeadLetterSender.describe(exception),
                DeadLetterSender.source(context.topic(), context.partition(), context.offset()));
        return ProcessingHandlerResponse.CONTINUE;
    }
}
