package tokenstream.consumers.assembly;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
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
import tokenstream.protocol.ChunkRecordParts;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.MalformedEventException;
import tokenstream.protocol.ResponseKey;
import tokenstream.protocol.ResponseStatus;

import java.util.List;

/**
 * Applies each chunks record to its response's {@link AssemblyState} (and its parts, through the
 * {@link AssemblyBuffer} that writes them to their stores once per commit) and publishes the response
 * when it starts and when it ends; a response that ends for the first time also goes to the statistics. Records
 * that are not valid events, or that cannot be applied for any reason, go to the dead-letter sink instead, inside
 * the same transaction as everything else, and processing goes on with the next record: no input stops the audit.
 * A wall-clock {@link AbandonSweep} ends responses whose producer went quiet.
 */
final class ResponseAssemblyProcessor implements Processor<String, byte[], String, AssemblyOutput> {
    private static final Logger LOG = Logger.getLogger(ResponseAssemblyProcessor.class);

    private final AssemblySettings settings;
    private final AssemblyTraces traces;
    private ProcessorContext<String, AssemblyOutput> context;
    private KeyValueStore<String, AssembledResponse> responses;
    private KeyValueStore<String, String> conversationResponses;
    private KeyValueStore<String, String> responseConversations;
    private AssemblyBuffer buffer;
    /** Wall-clock millis at which this task last read a record; -1 before the first. */
    private long lastRecordReadAt = -1;

    ResponseAssemblyProcessor(AssemblySettings settings) {
        this(settings, AssemblyTraces.NONE);
    }

    ResponseAssemblyProcessor(AssemblySettings settings, AssemblyTraces traces) {
        this.settings = settings;
        this.traces = traces;
    }

    @Override
    public void init(ProcessorContext<String, AssemblyOutput> context) {
        this.context = context;
        this.responses = context.getStateStore(ResponseTopology.RESPONSES_STORE);
        KeyValueStore<String, AssemblyState> states = context.getStateStore(ResponseTopology.ASSEMBLY_STATE_STORE);
        KeyValueStore<String, ResponsePart> parts = context.getStateStore(ResponseTopology.RESPONSE_PARTS_STORE);
        KeyValueStore<String, Long> openResponses = context.getStateStore(ResponseTopology.OPEN_RESPONSES_STORE);
        this.conversationResponses = context.getStateStore(ResponseTopology.CONVERSATION_RESPONSES_STORE);
        this.responseConversations = context.getStateStore(ResponseTopology.RESPONSE_CONVERSATIONS_STORE);
        // A new buffer on every init: a task initialised again after an error starts from its stores' last commit.
        this.buffer = new AssemblyBuffer(states, parts, openResponses);
        context.<BeforeCommit>getStateStore(ResponseTopology.BEFORE_COMMIT_STORE).onCommit(buffer::flush);
        AbandonSweep sweep = new AbandonSweep(this, openResponses, settings.abandonAfter());
        context.schedule(settings.abandonCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            buffer.flush(); // the sweep reads the open responses from their store
            sweep.sweep(sweepClock(now), now);
        });
    }

    /**
     * The time a response's quiet is measured against: stream time (the latest record timestamp this task has read)
     * plus the wall-clock time since it read that record. A task that is behind, after a slow commit or a rebalance,
     * reads records written long ago, so it does not take "not read yet" for "not written"; a task that is caught up
     * and reads nothing because nothing is written gets the wall clock, since a dead producer is precisely one that
     * writes nothing. Never later than the wall clock, so a record stamped in the future cannot end other responses.
     */
    private long sweepClock(long now) {
        if (lastRecordReadAt < 0) {
            return now;
        }
        long streamTime = context.currentStreamTimeMs();
        return streamTime < 0 ? now : Math.min(now, streamTime + (now - lastRecordReadAt));
    }

    @Override
    public void close() {
        buffer.clear();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        lastRecordReadAt = context.currentSystemTimeMs();
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        try {
            apply(record, metadata);
        } catch (StreamsException e) {
            throw e; // the framework's own (task migrated, state store failure): not this record's fault
        } catch (KafkaException e) {
            if (!(e instanceof SerializationException)) {
                throw e;
            }
            deadLetter(record, "cannot be processed: " + e, metadata);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug or an input nobody foresaw: this record must not stop every later one (exactly-once would
            // replay it forever). It is kept, with the reason, for a person to look at.
            LOG.errorf(e, "chunks record %s cannot be processed", DeadLetters.source(metadata));
            deadLetter(record, "cannot be processed: " + e, metadata);
        }
    }

    private void apply(Record<String, byte[]> record, RecordMetadata metadata) {
        ChunkEvent event;
        try {
            event = ChunkEventReader.read(record.value());
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
        AssemblyState current = buffer.state(key);
        ResponseAssembler.Step step = ResponseAssembler.apply(current, event, partition, offset, settings.limits());
        if (step.outcome() == ResponseAssembler.Outcome.IGNORED && current != null && current.terminalWritten()
                && AbandonSweep.wrote(event)) {
            // This task's own sweep wrote it while the task was behind, and the response's real events, read since,
            // came first: not a producer's duplicate, so it does not count in the response's integrity.
            LOG.debugf("response %s: the abandon sweep's terminal (seq %d) came after the response's own events; ignored",
                    event.responseId(), event.seq());
            return;
        }
        if (step.outcome() == ResponseAssembler.Outcome.REJECTED) {
            deadLetter(record, step.reason(), metadata);
            return;
        }
        AssemblyState next = step.state();
        buffer.put(key, next);
        if (step.part() != null) {
            buffer.append(key, next.parts() - 1, step.part());
        }
        if (current == null) {
            conversationResponses.put(ConversationIndexKey.of(next.head().conversationId(),
                    next.head().firstOffset()), next.head().responseId());
            responseConversations.put(ResponseConversationsKey.of(next.head().responseId(),
                    next.head().conversationId()), next.head().conversationId());
        }
        boolean wasOpen = current == null || current.status() == ResponseStatus.IN_PROGRESS;
        boolean ended = next.status() != ResponseStatus.IN_PROGRESS;
        if (!ended) {
            // The record's own time, which the sweep compares with stream time while the task is reading; never
            // later than now, so a record stamped in the future cannot keep its response open.
            buffer.recordAt(key, Math.min(record.timestamp(), context.currentSystemTimeMs()));
            if (event instanceof ChunkEvent.ResponseStarted && step.outcome() == ResponseAssembler.Outcome.APPLIED) {
                publish(ResponseAssembler.assemble(next, List.of()), record.timestamp());
            }
        } else if (wasOpen) {
            end(next, record.timestamp());
            traces.assembled(record.headers(), event.conversationId(), event.responseId(), next.status(),
                    record.timestamp());
        } else {
            // After its end a response is only republished with its integrity counters (late or repeated events).
            AssembledResponse published = responses.get(key);
            if (published != null) {
                publish(withIntegrityOf(published, next), record.timestamp());
            }
        }
    }

    /** Publishes a response that has just ended, hands it to the statistics and drops its parts. */
    void end(AssemblyState state, long timestamp) {
        String key = keyOf(state);
        buffer.put(key, state);
        buffer.forgetOpen(key);
        AssembledResponse response = ResponseAssembler.assemble(state, buffer.parts(key));
        AssembledResponse published = publish(response, timestamp);
        buffer.dropParts(key);
        countEnded(published, timestamp);
    }

    /** The state of a response by its {@link ResponseKey}, the key of every per-response store. */
    AssemblyState state(String responseKey) {
        return buffer.state(responseKey);
    }

    void forgetOpen(String responseKey) {
        buffer.forgetOpen(responseKey);
    }

    /** Writes the terminal event of a response whose producer is gone; the assembly reads it back from the topic. */
    void writeTerminal(AssemblyState state, ChunkEvent terminal, long now) {
        String key = keyOf(state);
        buffer.put(key, state.withTerminalWritten());
        buffer.recordAt(key, now);
        ChunkRecordParts parts = ChunkRecordParts.of(terminal);
        Record<String, AssemblyOutput> out = new Record<>(parts.key(),
                new AssemblyOutput(AssemblyOutput.Kind.TERMINAL, parts.value()), now);
        parts.encodedHeaders().forEach(out.headers()::add);
        context.forward(out);
    }

    /** A response id is unique only within its conversation: every per-response store is keyed by the pair. */
    private static String keyOf(AssemblyState state) {
        return ResponseKey.of(state.head().conversationId(), state.head().responseId());
    }

    private static AssembledResponse withIntegrityOf(AssembledResponse published, AssemblyState state) {
        return new AssembledResponse(published.responseId(), published.conversationId(), published.model(),
                published.status(), published.text(), published.toolCalls(), published.finishReason(),
                published.usage(), published.error(), published.cancelReason(), published.startedAt(),
                published.firstEventAt(), published.lastEventAt(), published.eventCount(), published.partition(),
                published.firstOffset(), published.lastOffset(), state.head().integrity(), published.timings(),
                published.truncated(), published.thinking());
    }

    /**
     * Stores and sends the response, in a record that fits the responses topic. The content limit of the assembly
     * keeps it there already; should it not (a giant id or error message), the text and tool calls are dropped
     * and the response is marked truncated rather than sent too large, which would abort every transaction.
     */
    private AssembledResponse publish(AssembledResponse response, long timestamp) {
        byte[] value = AssembledResponseJson.write(response);
        if (value.length > settings.maxRecordBytes()) {
            LOG.errorf("audit record of response %s would be %d bytes (limit %d): published without its content",
                    response.responseId(), value.length, settings.maxRecordBytes());
            response = withoutContent(response, value.length, settings.maxRecordBytes());
            value = AssembledResponseJson.write(response);
        }
        String key = ResponseKey.of(response.conversationId(), response.responseId());
        responses.put(key, response);
        context.forward(new Record<>(key,
                new AssemblyOutput(AssemblyOutput.Kind.PUBLISHED, value), timestamp));
        return response;
    }

    private static AssembledResponse withoutContent(AssembledResponse response, int size, int limit) {
        boolean ended = response.status() != ResponseStatus.IN_PROGRESS;
        String was = response.error() == null ? "" : "; it ended with " + response.error().code();
        AssembledResponse.ErrorInfo error = !ended ? response.error() : new AssembledResponse.ErrorInfo(
                FailureCodes.OUTPUT_TOO_LARGE, "the audit record would be " + size + " bytes, above the limit of "
                + limit + ", so it holds no text and no tool calls" + DeadLetters.shorten(was));
        return new AssembledResponse(response.responseId(), response.conversationId(), response.model(),
                ended ? ResponseStatus.FAILED : response.status(), "", List.of(), response.finishReason(),
                response.usage(), error, DeadLetters.shorten(response.cancelReason()), response.startedAt(),
                response.firstEventAt(), response.lastEventAt(), response.eventCount(), response.partition(),
                response.firstOffset(), response.lastOffset(), response.integrity(), response.timings(), true);
    }

    /** Hands a response that has just ended to the statistics, keyed by its model; called once per response. */
    private void countEnded(AssembledResponse response, long timestamp) {
        String model = response.model() == null ? ResponseStatsProcessor.UNKNOWN_MODEL : response.model();
        context.forward(new Record<>(model, new AssemblyOutput(AssemblyOutput.Kind.ENDED,
                AssembledResponseJson.write(ResponseAssembler.withoutContent(response))), timestamp));
    }

    private void deadLetter(Record<String, byte[]> record, String reason, RecordMetadata metadata) {
        String source = DeadLetters.source(metadata);
        LOG.warnf("dead-lettering chunks record %s (key '%s'): %s", source, DeadLetters.shorten(record.key()),
                DeadLetters.shorten(reason));
        Record<String, byte[]> dead = DeadLetters.of(record, reason, source);
        context.forward(dead.withValue(new AssemblyOutput(AssemblyOutput.Kind.DEAD_LETTER, dead.value())));
    }
}
