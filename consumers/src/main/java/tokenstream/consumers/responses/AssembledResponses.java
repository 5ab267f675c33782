package tokenstream.consumers.responses;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.consumers.assembly.ResponseTopology;
import tokenstream.consumers.http.ApiException;
import tokenstream.consumers.interactive.LocalStores;
import tokenstream.protocol.AssembledResponse;

import java.util.Optional;

/**
 * Reads assembled responses from this instance's {@value ResponseTopology#RESPONSES_STORE} through
 * interactive queries. The store is keyed by response id while the chunks topic is partitioned by
 * conversation id, so a lookup asks every local task; with several instances a miss here may be a hit
 * on another instance (not routed yet: one instance owns all partitions today).
 */
@ApplicationScoped
public class AssembledResponses {
    private final KafkaStreams streams;

    AssembledResponses(KafkaStreams streams) {
        this.streams = streams;
    }

    /**
     * The latest state of the response, empty if no event of it has been seen.
     *
     * @throws ApiException 503 {@code responses_unavailable} while the store cannot be queried (startup, rebalance)
     */
    public Optional<AssembledResponse> find(String responseId) {
        return LocalStores.query(streams, ResponseTopology.RESPONSES_STORE, "responses",
                (ReadOnlyKeyValueStore<String, AssembledResponse> store) -> Optional.ofNullable(store.get(responseId)));
    }
}
