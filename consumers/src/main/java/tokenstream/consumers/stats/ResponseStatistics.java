package tokenstream.consumers.stats;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import tokenstream.consumers.interactive.LocalStores;

import com.fasterxml.jackson.core.type.TypeReference;
import org.apache.kafka.streams.state.HostInfo;
import tokenstream.consumers.cluster.PartitionOwners;
import tokenstream.consumers.cluster.PeerReads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the per-model window statistics from {@value ResponseStatsProcessor#STATS_STORE}. Each model's statistics
 * live in one partition of the repartition topic, so one instance holds all of a model's windows: the group's
 * statistics are every instance's share put together, nothing to merge.
 */
@ApplicationScoped
public class ResponseStatistics {
    private static final TypeReference<List<ModelWindowStats>> WINDOWS = new TypeReference<>() {
    };

    private final KafkaStreams streams;
    private final PartitionOwners owners;
    private final PeerReads peers;

    ResponseStatistics(KafkaStreams streams, PartitionOwners owners, PeerReads peers) {
        this.streams = streams;
        this.owners = owners;
        this.peers = peers;
    }

    /**
     * Every window held by the group ({@code local}: by this instance), oldest first and by model within a window;
     * only {@code model}'s if given.
     */
    public List<ModelWindowStats> windows(Optional<String> model, boolean local, String authorization) {
        List<ModelWindowStats> windows = new ArrayList<>(localWindows(model));
        if (!local) {
            String path = "/v1/stats" + model.map(m -> "?model=" + URLEncoder.encode(m, StandardCharsets.UTF_8))
                    .orElse("");
            for (HostInfo peer : owners.others("stats")) {
                windows.addAll(peers.share(peer, path, authorization, "stats", "windows", WINDOWS));
            }
        }
        windows.sort(IN_ORDER);
        return windows;
    }

    private static final Comparator<ModelWindowStats> IN_ORDER = (a, b) -> a.windowStart().equals(b.windowStart())
            ? a.model().compareTo(b.model()) : a.windowStart().compareTo(b.windowStart());

    private List<ModelWindowStats> localWindows(Optional<String> model) {
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
                    return windows;
                });
    }
}
