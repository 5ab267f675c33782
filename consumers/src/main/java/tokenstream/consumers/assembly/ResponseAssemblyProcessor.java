package tokenstream.consumers.assembly;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.MalformedEventException;
import tokenstream.protocol.ResponseStatus;

/**
 * Applies each chunks record to its response's state in {@value ResponseTopology#RESPONSES_STORE} and
 * publishes the response when it starts and when it ends. Records that are not valid events go to the
 * dead-letter sink instead, inside the same transaction as everything else.
 */
final class ResponseAssemblyProcessor implements Processor<String, byte[], String, byte[]> {
    private static final Logger LOG = Logger.getLogger(ResponseAssemblyProcessor.class);

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, AssembledResponse> responses;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.responses = context.getStateStore(ResponseTopology.RESPONSES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        ChunkEvent event;
        try {
            event = ChunkEventCodec.read(record.value());
        } catch (MalformedEventException e) {
            deadLetter(record, e.getMessage(), metadata);
            return;
        }
        // The key decides the partition, and so the order of a response's events: a foreign key breaks that promise.
        if (!event.conversationId().equals(record.key())) {
            deadLetter(record, "record key '" + record.key() + "' is not the event's conversation_id '"
                    + event.conversationId() + "'", metadata);
            return;
        }
        int partition = metadata == null ? -1 : metadata.partition();
        long offset = metadata == null ? -1 : metadata.offset();
        AssembledResponse next = ResponseAssembler.apply(responses.get(event.responseId()), event, partition, offset);
        responses.put(event.responseId(), next);
        if (event instanceof ChunkEvent.ResponseStarted || next.status() != ResponseStatus.IN_PROGRESS) {
            context.forward(new Record<>(event.responseId(), AssembledResponseJson.write(next), record.timestamp()),
                    ResponseTopology.RESPONSES_SINK);
        }
    }

    private void deadLetter(Record<String, byte[]> record, String reason, RecordMetadata metadata) {
        String source = DeadLetters.source(metadata);
        LOG.warnf("dead-lettering chunks record %s (key '%s'): %s", source, record.key(), reason);
        context.forward(DeadLetters.of(record, reason, source), ResponseTopology.DEAD_LETTER_SINK);
    }
}
