package tokenstream.relay.affinity;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which relay instance owns which chunks partition: partition p belongs to instance {@code p % instances}. With one
 * instance (no affinity) this one owns them all, which is the relay's behaviour without the mode.
 */
@Singleton
public final class PartitionOwnership {
    private final int instance;
    private final int instances;
    private final Map<Integer, String> peers;

    /**
     * @param peers each other instance's base URL (or a path on this origin), by instance number
     * @throws IllegalArgumentException if instance is not one of the instances, or a peer names no instance
     */
    public PartitionOwnership(int instance, int instances, Map<Integer, String> peers) {
        if (instances < 1) {
            throw new IllegalArgumentException("tokenstream.relay.affinity.instances must be at least 1, not " + instances);
        }
        if (instance < 0 || instance >= instances) {
            throw new IllegalArgumentException("tokenstream.relay.affinity.instance must be 0 to " + (instances - 1)
                    + ", not " + instance);
        }
        peers.forEach((peer, url) -> {
            if (peer < 0 || peer >= instances) {
                throw new IllegalArgumentException("tokenstream.relay.affinity.peers names instance " + peer
                        + ", outside 0 to " + (instances - 1));
            }
            if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("/")) {
                throw new IllegalArgumentException("tokenstream.relay.affinity.peers: the base of instance " + peer
                        + " must be an http(s) URL or a path starting with /, not " + url);
            }
        });
        this.instance = instance;
        this.instances = instances;
        this.peers = Map.copyOf(peers);
    }

    @Inject
    public PartitionOwnership(AffinityConfig config) {
        this(config.instance(), config.instances(), parsePeers(config.peers().orElse(List.of())));
    }

    /** Parses {@code <instance>=<base URL>} entries; a trailing slash of a base is dropped. */
    static Map<Integer, String> parsePeers(List<String> entries) {
        Map<Integer, String> peers = new HashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("tokenstream.relay.affinity.peers entries are <instance>=<base URL>,"
                        + " not " + entry);
            }
            int peer;
            try {
                peer = Integer.parseInt(entry.substring(0, equals).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tokenstream.relay.affinity.peers: " + entry
                        + " does not start with an instance number", e);
            }
            String base = entry.substring(equals + 1).trim();
            peers.put(peer, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        }
        return peers;
    }

    /** Whether the chunks partitions are split across instances at all. */
    public boolean enabled() {
        return instances > 1;
    }

    public boolean owns(int partition) {
        return ownerOf(partition) == instance;
    }

    public int ownerOf(int partition) {
        return partition % instances;
    }

    /** The base URL of the instance that owns this partition, when it is another instance and one is configured. */
    public Optional<String> ownerBase(int partition) {
        return Optional.ofNullable(peers.get(ownerOf(partition)));
    }

    public int instance() {
        return instance;
    }

    public int instances() {
        return instances;
    }
}
