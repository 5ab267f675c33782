package tokenstream.relay.health;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** When the relay's shared tail counts as stopped. */
@ConfigMapping(prefix = "tokenstream.relay.health")
public interface TailHealthConfig {

    /**
     * The shared tail polls Kafka every 100 ms while it runs, also while the broker is away; no poll for this long
     * means it is stuck or reconnecting, and no subscriber of this instance gets anything new.
     */
    Duration tailStallTimeout();
}
