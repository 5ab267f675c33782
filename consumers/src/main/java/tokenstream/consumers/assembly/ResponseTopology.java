package tokenstream.consumers.assembly;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import tokenstream.consumers.stats.ResponseStatsProcessor;
import tokenstream.consumers.stats.WindowStatsJson;

/**
 * The response-assembly topology, built from {@link AssemblySettings} alone so that it runs the same under
 * Quarkus, under {@code TopologyTestDriver} and in a plain Kafka Streams JVM.
 *
 * <pre>
 *  chunks ──► response-assembly ──┬─ published ──► responses
 *             (responses-store,   ├─ dead letter ► dead-letter
 *              assembly-state-store,
 *              response-parts-store,
 *              open-responses-store,
 *              conversation-responses-store,
 *              response-conversations-store)
 *                                 ├─ terminal ───► chunks (abandon sweep: the producer is gone)
 *                                 └─ ended, keyed by model ──► [repartition ended-by-model]
 *                                        ──► response-stats (response-stats-store) ──► response-stats
 * </pre>
 *
 * <p>Topics:
 * <ul>
 *   <li>chunks (read): key = conversation id (UTF-8 string), value = {@code ChunkEvent} JSON bytes.
 *       Every event of a response is in its conversation's partition, in order, so assembly needs no
 *       repartitioning: each task assembles the responses of its own partition.</li>
 *   <li>chunks (written): the {@code response.failed} ({@code ingest_lost} or {@code producer_timeout}) of a
 *       response that had no event for the abandon timeout, with the same key, codec and headers as ingest writes;
 *       the assembly reads it back like any event, and live SSE clients get it from the relay's tail.</li>
 *   <li>responses (written, compacted): key = {@code conversation id/response id} ({@code ResponseKey}; a response
 *       id is unique only within its conversation), value = {@code AssembledResponse}
 *       JSON. Written when a response starts ({@code in_progress}) and when it ends (including when it is
 *       abandoned), so the last record of a key is the final state.</li>
 *   <li>dead-letter (written): the rejected chunks record's own key, value and headers, plus the
 *       {@code dead-letter-reason} and {@code dead-letter-source} ({@code topic/partition/offset}) headers.</li>
 *   <li>{@code <application id>-ended-by-model-repartition} (internal, created by Kafka Streams): each ended
 *       response keyed by model, so that one task holds all of a model's statistics.</li>
 *   <li>response-stats (written): key = {@code model@window-start}, value = the window's summary JSON,
 *       rewritten each time a response of that model and window ends.</li>
 * </ul>
 *
 * <p>State (all persistent, changelogged, queryable). Every per-response store is keyed by the response key,
 * {@code conversation id/response id} ({@code ResponseKey}): a response id is unique only within its conversation,
 * so two conversations' {@code r1} are assembled, stored and swept as two responses.
 * <ul>
 *   <li>{@value #RESPONSES_STORE}: response key → the {@code AssembledResponse} last published (at start, at end).</li>
 *   <li>{@value #ASSEMBLY_STATE_STORE}: response key → {@link AssemblyState}, rewritten at each commit in which the
 *       response had an event ({@link AssemblyBuffer}); its size does not grow with the response.</li>
 *   <li>{@value #RESPONSE_PARTS_STORE}: {@link PartKey} (response key, {@code |}, part number) → {@link ResponsePart},
 *       one entry per tool call and per run of text deltas written in one commit (numbered by its first delta)
 *       while the response is open, concatenated once when it ends and then deleted.</li>
 *   <li>{@value #OPEN_RESPONSES_STORE}: response key → timestamp of its last record, at most the wall clock when
 *       it was read (as of the last commit), for responses in progress only; the abandon sweep reads it instead of scanning every response ever seen.</li>
 *   <li>{@value #CONVERSATION_RESPONSES_STORE}: {@code conversation id|first offset} → response id, the
 *       conversation's responses in topic order (see {@link ConversationIndexKey}).</li>
 *   <li>{@value #RESPONSE_CONVERSATIONS_STORE}: {@code response id/conversation id} → conversation id, so that a
 *       response can be found by its id alone (see {@link ResponseConversationsKey}).</li>
 *   <li>{@value ResponseStatsProcessor#STATS_STORE}: {@code window start|model} → window statistics.</li>
 * </ul>
 */
public final class ResponseTopology {
    public static final String RESPONSES_STORE = "responses-store";
    public static final String ASSEMBLY_STATE_STORE = "assembly-state-store";
    public static final String RESPONSE_PARTS_STORE = "response-parts-store";
    public static final String OPEN_RESPONSES_STORE = "open-responses-store";
    public static final String CONVERSATION_RESPONSES_STORE = "conversation-responses-store";
    public static final String RESPONSE_CONVERSATIONS_STORE = "response-conversations-store";
    /** Holds no data: tells the assembly that its task is about to commit (see {@link BeforeCommit}). */
    public static final String BEFORE_COMMIT_STORE = "assembly-before-commit";
    /** Name of the internal topic that carries ended responses to the statistics, keyed by model. */
    public static final String ENDED_BY_MODEL = "ended-by-model";

    private ResponseTopology() {
    }

    public static Topology build(AssemblySettings settings) {
        return build(settings, AssemblyTraces.NONE);
    }

    /** The topology, telling {@code traces} of every response it assembles from a terminal event. */
    public static Topology build(AssemblySettings settings, AssemblyTraces traces) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONSES_STORE),
                Serdes.String(), AssembledResponseJson.serde()));
        // Not cached by Kafka Streams: the assembly's own AssemblyBuffer keeps a response's state, parts and
        // last-record time as objects (no serde per event) and writes them once per commit, from BeforeCommit.
        // A Streams cache below it could be flushed before that write and so hold it past the commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ASSEMBLY_STATE_STORE),
                Serdes.String(), StoreJson.serde(AssemblyState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONSE_PARTS_STORE),
                Serdes.String(), StoreJson.serde(ResponsePart.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_RESPONSES_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(BeforeCommit.builder(BEFORE_COMMIT_STORE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                CONVERSATION_RESPONSES_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                RESPONSE_CONVERSATIONS_STORE), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(
                ResponseStatsProcessor.STATS_STORE), Serdes.String(), WindowStatsJson.serde()));

        KStream<String, AssemblyOutput> assembled = builder
                .stream(settings.chunksTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("chunks-source"))
                .process(() -> new ResponseAssemblyProcessor(settings, traces), Named.as("response-assembly"),
                        RESPONSES_STORE, ASSEMBLY_STATE_STORE, RESPONSE_PARTS_STORE, OPEN_RESPONSES_STORE,
                        CONVERSATION_RESPONSES_STORE, RESPONSE_CONVERSATIONS_STORE, BEFORE_COMMIT_STORE);

        Produced<String, byte[]> bytes = Produced.with(Serdes.String(), Serdes.ByteArray());
        assembled.filter((key, out) -> out.is(AssemblyOutput.Kind.PUBLISHED), Named.as("published"))
                .mapValues(AssemblyOutput::value, Named.as("published-value"))
                .to(settings.responsesTopic(), bytes.withName("responses-sink"));
        assembled.filter((key, out) -> out.is(AssemblyOutput.Kind.DEAD_LETTER), Named.as("dead-letters"))
                .mapValues(AssemblyOutput::value, Named.as("dead-letter-value"))
                .to(settings.deadLetterTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("dead-letter-sink"));
        assembled.filter((key, out) -> out.is(AssemblyOutput.Kind.TERMINAL), Named.as("terminal"))
                .mapValues(AssemblyOutput::value, Named.as("terminal-value"))
                .to(settings.chunksTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("chunks-sink"));
        assembled.filter((key, out) -> out.is(AssemblyOutput.Kind.ENDED), Named.as("ended"))
                .mapValues(AssemblyOutput::value, Named.as("ended-value"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(ENDED_BY_MODEL))
                .process(() -> new ResponseStatsProcessor(settings.statsWindow()), Named.as("response-stats"),
                        ResponseStatsProcessor.STATS_STORE)
                .to(settings.statsTopic(), Produced.with(Serdes.String(), Serdes.ByteArray())
                        .withName("response-stats-sink"));
        return builder.build();
    }
}
