package tokenstream.relay.affinity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Partition affinity: with {@code instances} above 1, this relay instance tails only the chunks partitions it owns
 * and sends clients of other conversations to the instance that owns theirs. Every property is documented in the
 * README.
 */
@ConfigMapping(prefix = "tokenstream.relay.affinity")
public interface AffinityConfig {

    /** Relay instances the chunks partitions are split across; 1 (the default) is no affinity: every partition here. */
    @WithDefault("1")
    int instances();

    /** This instance's number, 0 to instances - 1: it owns the partitions p with p % instances == instance. */
    @WithDefault("0")
    int instance();

    /**
     * Where each instance answers, as {@code <instance>=<base URL>} entries, e.g. {@code 0=http://relay-0:8080}; the
     * same list can be given to every instance (its own entry is not used). A base may be a path on this origin,
     * e.g. {@code /relay-0} behind a load balancer that routes it there.
     */
    Optional<List<String>> peers();
}
