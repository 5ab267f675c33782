package tokenstream.consumers.errors;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
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
        letters.send(context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                "processing failed in " + context.processorNodeId() + ": " + DeadLetterSender.describe(exception),
                DeadLetterSender.source(context.topic(), context.partition(), context.offset()));
        return ProcessingHandlerResponse.CONTINUE;
    }
}
