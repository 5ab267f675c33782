package tokenstream.consumers.stats;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.consumers.interactive.LocalStores;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the per-model window statistics from {@value ResponseStatsProcessor#STATS_STORE}. */
@ApplicationScoped
public class ResponseStatistics {
    private final KafkaStreams streams;

    ResponseStatistics(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every window held, oldest first and by model within a window; only {@code model}'s if given. */
    public List<ModelWindowStats> windows(Optional<String> model) {
        return LocalStores.query(streams, ResponseStatsProcessor.STATS_STORE, "stats",
                (ReadOnlyKeyValueStore<String, WindowStats> store) -> {
                    List<ModelWindowStats> windows = new ArrayList<>();
                    try (KeyValueIterator<String, WindowStats> all = store.all()) {
                        all.forEachRemaining(entry -> {
                            if (model.isEmpty() || model.get().equals(entry.value.model())) {
                                windows.add(entry.value.summary());
                            }
                        });
                    }
                    // One task per partition of the repartition topic: each keeps its models' windows in order.
                    windows.sort((a, b) -> a.windowStart().equals(b.windowStart())
                            ? a.model().compareTo(b.model()) : a.windowStart().compareTo(b.windowStart()));
                    return windows;
                });
    }
}
