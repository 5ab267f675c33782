package tokenstream.consumers.interactive;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.servicekit.web.ApiException;

import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Interactive queries on this instance's key-value stores. A store here holds only the partitions this instance
 * owns: {@code tokenstream.consumers.cluster} decides which instance answers, this class reads.
 */
public final class LocalStores {

    private LocalStores() {
    }

    /**
     * Runs {@code query} on the named store, over all of this instance's partitions.
     *
     * @throws ApiException 503 {@code <what>_unavailable} while the store cannot be queried (startup, rebalance)
     */
    public static <V, R> R query(KafkaStreams streams, String storeName, String what,
                                 Function<ReadOnlyKeyValueStore<String, V>, R> query) {
        return query(streams, storeName, what, OptionalInt.empty(), query);
    }

    /**
     * Runs {@code query} on the named store, on {@code partition} only if given: a partition this instance does not
     * own (it has just moved) is then a 503, never an empty answer.
     *
     * @throws ApiException 503 {@code <what>_unavailable} while the store cannot be queried (startup, rebalance)
     */
    public static <V, R> R query(KafkaStreams streams, String storeName, String what, OptionalInt partition,
                                 Function<ReadOnlyKeyValueStore<String, V>, R> query) {
        // While a rebalance runs, a partition being restored is missing from the local stores: its keys would
        // read as "not found". Only a running instance answers.
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            throw unavailable(what, "Kafka Streams is " + state);
        }
        try {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                    StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore());
            if (partition.isPresent()) {
                parameters = parameters.withPartition(partition.getAsInt());
            }
            return query.apply(streams.store(parameters));
        } catch (InvalidStateStoreException e) {
            throw unavailable(what, "Kafka Streams is " + streams.state() + ": " + e.getMessage());
        }
    }

    private static ApiException unavailable(String what, String reason) {
        return Unavailable.of(what, what.replace('_', ' ') + " cannot be read right now (" + reason
                + "); retry shortly");
    }
}
