package tokenstream.consumers.cluster;

import org.apache.kafka.streams.state.HostInfo;

import java.util.OptionalInt;

/** Which consumers instance holds a conversation's audit state right now. */
public sealed interface Owner {

    /**
     * This instance. {@code partition} is present when other instances exist: the local read then asks that
     * partition's stores only, so that a partition that has just moved away answers 503, not a wrong "not found".
     */
    record Here(OptionalInt partition) implements Owner {
    }

    /** Another instance, at the address it shares with the group ({@code application.server}). */
    record Elsewhere(HostInfo host) implements Owner {
    }

    /** No instance, for now: a rebalance is moving the partition. */
    record Nobody(String reason) implements Owner {
    }
}
