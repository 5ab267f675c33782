package tokenstream.consumers.interactive;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.util.Map;
import java.util.function.Function;

/**
 * Interactive queries on this instance's key-value stores (all its tasks together). With several instances
 * a store here holds only this instance's partitions; one instance owns them all today.
 */
public final class LocalStores {
    /** How long a client should wait before asking again while the stores are not queryable. */
    private static final Map<String, String> RETRY_AFTER = Map.of("Retry-After", "1");

    private LocalStores() {
    }

    /**
     * Runs {@code query} on the named store.
     *
     * @throws ApiException 503 {@code <what>_unavailable} while the store cannot be queried (startup, rebalance)
     */
    public static <V, R> R query(KafkaStreams streams, String storeName, String what,
                                 Function<ReadOnlyKeyValueStore<String, V>, R> query) {
        try {
            ReadOnlyKeyValueStore<String, V> store = streams.store(
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            return query.apply(store);
        } catch (InvalidStateStoreException e) {
            throw new ApiException(new ApiError(503, what + "_unavailable",
                    what.replace('_', ' ') + " cannot be read right now (Kafka Streams is " + streams.state()
                            + "); retry shortly"), RETRY_AFTER);
        }
    }
}
