package tokenstream.ingest.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.time.Duration;

/** Where response-id claims live and how long a claim may take; see {@link ResponseOwners}. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface OwnersConfig {

    /** The response-owners topic: key = response id, value = {@link tokenstream.protocol.ResponseClaim} JSON. */
    @WithName("topics.response-owners")
    String topic();

    /**
     * How long a claim of a new response id waits until this instance has read it back from the topic (and so knows
     * whether it was the first); after it the request is answered 503 and may be retried.
     */
    @WithName("owners.claim-timeout")
    Duration claimTimeout();

    /** Claims older than this are dropped from memory, as the topic's retention drops them from the log. */
    @WithName("owners.forget-after")
    Duration forgetAfter();
}
