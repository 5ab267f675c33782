package tokenstream.ingest.push;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** How long a pushed response may go without an event before ingest ends it for its vanished producer. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface PushIdleConfig {

    /** A started, unended pushed response with no pushed event for this long gets {@code producer_timeout}. */
    Duration pushIdleTimeout();
}
