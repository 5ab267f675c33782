package tokenstream.consumers.assembly;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;
import tokenstream.consumers.stats.ResponseStatsProcessor;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.MalformedEventException;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;

/**
 * Applies each chunks record to its response's state in {@value ResponseTopology#RESPONSES_STORE} and
 * publishes the response when it starts and when it ends; a response that ends for the first time also goes
 * to the statistics. Records that are not valid events go to the dead-letter sink instead, inside the same
 * transaction as everything else. A wall-clock {@link AbandonSweep} closes responses whose producer went quiet.
 */
final class ResponseAssemblyProcessor implements Processor<String, byte[], String, AssemblyOutput> {
    private static final Logger LOG = Logger.getLogger(ResponseAssemblyProcessor.class);

    private final AssemblySettings settings;
    private ProcessorContext<String, AssemblyOutput> context;
    private KeyValueStore<String, AssembledResponse> responses;
    private KeyValueStore<String, Long> openResponses;
    private KeyValueStore<String, String> conversationResponses;
    private KeyValueStore<String, String> responseConversations;

    ResponseAssemblyProcessor(AssemblySettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, AssemblyOutput> context) {
        this.context = context;
        this.responses = context.getStateStore(ResponseTopology.RESPONSES_STORE);
        this.openResponses = context.getStateStore(ResponseTopology.OPEN_RESPONSES_STORE);
        this.conversationResponses = context.getStateStore(ResponseTopology.CONVERSATION_RESPONSES_STORE);
        this.responseConversations = context.getStateStore(ResponseTopology.RESPONSE_CONVERSATIONS_STORE);
        context.schedule(settings.abandonCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                new AbandonSweep(context, responses, openResponses, settings.abandonAfter()));
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
        // A response id is unique only within its conversation: two conversations' "r1" are two responses.
        if (!ResponseKey.keyable(event.conversationId(), event.responseId())) {
            deadLetter(record, "conversation_id and response_id must not contain '" + ResponseKey.SEPARATOR
                    + "': the pair would not name one response", metadata);
            return;
        }
        String key = ResponseKey.of(event.conversationId(), event.responseId());
        int partition = metadata == null ? -1 : metadata.partition();
        long offset = metadata == null ? -1 : metadata.offset();
        AssembledResponse current = responses.get(key);
        AssembledResponse next = ResponseAssembler.apply(current, event, partition, offset);
        responses.put(key, next);
        if (current == null) {
            conversationResponses.put(ConversationIndexKey.of(next.conversationId(), next.firstOffset()),
                    next.responseId());
            responseConversations.put(ResponseConversationsKey.of(next.responseId(), next.conversationId()),
                    next.conversationId());
        }
        boolean ended = next.status() != ResponseStatus.IN_PROGRESS;
        if (ended) {
            openResponses.delete(key);
        } else {
            openResponses.put(key, context.currentSystemTimeMs());
        }
        if (event instanceof ChunkEvent.ResponseStarted || ended) {
            publish(context, next, record.timestamp());
        }
        if (ended && (current == null || current.status() == ResponseStatus.IN_PROGRESS)) {
            countEnded(context, next, record.timestamp());
        }
    }

    static void publish(ProcessorContext<String, AssemblyOutput> context, AssembledResponse response,
                        long timestamp) {
        context.forward(new Record<>(ResponseKey.of(response.conversationId(), response.responseId()),
                new AssemblyOutput(AssemblyOutput.Kind.PUBLISHED, AssembledResponseJson.write(response)), timestamp));
    }

    /** Hands a response that has just ended to the statistics, keyed by its model; called once per response. */
    static void countEnded(ProcessorContext<String, AssemblyOutput> context, AssembledResponse response,
                           long timestamp) {
        String model = response.model() == null ? ResponseStatsProcessor.UNKNOWN_MODEL : response.model();
        context.forward(new Record<>(model,
                new AssemblyOutput(AssemblyOutput.Kind.ENDED, AssembledResponseJson.write(response)), timestamp));
    }

    private void deadLetter(Record<String, byte[]> record, String reason, RecordMetadata metadata) {
        String source = DeadLetters.source(metadata);
        LOG.warnf("dead-lettering chunks record %s (key '%s'): %s", source, record.key(), reason);
        Record<String, byte[]> dead = DeadLetters.of(record, reason, source);
        context.forward(dead.withValue(new AssemblyOutput(AssemblyOutput.Kind.DEAD_LETTER, dead.value())));
    }
}
