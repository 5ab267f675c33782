package tokenstream.consumers.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.util.Map;

/**
 * A record whose key or value cannot be deserialized goes to the dead-letter topic as it was read, with the
 * reason, and processing CONTINUES. The topology reads chunks as raw bytes and parses them itself (so a bad chunk
 * is dead-lettered inside the transaction), so this covers what the serdes still do: keys, and the internal topics.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private DeadLetterSender letters;

    @Override
    public void configure(Map<String, ?> configs) {
        letters = DeadLetterSender.forConfigs(configs);
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                                 Exception exception) {
        letters.send(record.key(), record.value(), record.headers(),
                "cannot be deserialized: " + DeadLetterSender.describe(exception),
                DeadLetterSender.source(record.topic(), record.partition(), record.offset()));
        return DeserializationHandlerResponse.CONTINUE;
    }
}
