package tokenstream.consumers.assembly;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The response-assembly topology, built from topic names alone so that it runs the same under Quarkus
 * and under {@code TopologyTestDriver}.
 *
 * <pre>
 *  chunks-source ──► response-assembly ──► responses-sink
 *                     │  (responses-store) └► dead-letter-sink
 * </pre>
 *
 * <p>Topics:
 * <ul>
 *   <li>chunks (read): key = conversation id (UTF-8 string), value = {@code ChunkEvent} JSON bytes.
 *       Every event of a response is in its conversation's partition, in order, so the topology needs
 *       no repartitioning: each task assembles the responses of its own partition.</li>
 *   <li>responses (written, compacted): key = response id (UTF-8 string), value = {@code AssembledResponse}
 *       JSON. Written when a response starts ({@code in_progress}) and when it ends, so the last record of
 *       a key is the final state.</li>
 *   <li>dead-letter (written): the rejected chunks record's own key, value and headers, plus the
 *       {@code dead-letter-reason} and {@code dead-letter-source} ({@code topic/partition/offset}) headers.</li>
 * </ul>
 *
 * <p>State: {@value #RESPONSES_STORE}, a persistent key-value store response id → latest
 * {@code AssembledResponse} (including in-progress ones), backed by a changelog and queryable.
 */
public final class ResponseTopology {
    public static final String RESPONSES_STORE = "responses-store";
    static final String CHUNKS_SOURCE = "chunks-source";
    static final String ASSEMBLY_PROCESSOR = "response-assembly";
    static final String RESPONSES_SINK = "responses-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private ResponseTopology() {
    }

    public static Topology build(String chunksTopic, String responsesTopic, String deadLetterTopic) {
        Topology topology = new Topology();
        topology.addSource(CHUNKS_SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(),
                chunksTopic);
        topology.addProcessor(ASSEMBLY_PROCESSOR, ResponseAssemblyProcessor::new, CHUNKS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RESPONSES_STORE),
                Serdes.String(), AssembledResponseJson.serde()), ASSEMBLY_PROCESSOR);
        topology.addSink(RESPONSES_SINK, responsesTopic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), ASSEMBLY_PROCESSOR);
        topology.addSink(DEAD_LETTER_SINK, deadLetterTopic, Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), ASSEMBLY_PROCESSOR);
        return topology;
    }
}
