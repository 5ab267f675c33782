package tokenstream.ingest.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ingest's own security rules under {@code tokenstream.security}: who produces with an API key, the client tokens it
 * hands out, and the size of what producers send; see docs/security.md. The settings every service shares are
 * service-kit's {@link tokenstream.servicekit.security.SecurityConfig}.
 */
@ConfigMapping(prefix = "tokenstream.security")
public interface IngestSecurityConfig {

    /** Producer API keys, each {@code name:key}; the name is the producer's identity (response ownership). */
    Optional<List<String>> producerApiKeys();

    /** Whether a start's 202 answer carries {@code access_token} and {@code token_expires_at} for the conversation. */
    @WithDefault("false")
    boolean issueClientTokens();

    /** Lifetime of an issued client token; the relay ends its streams when it expires. */
    @WithDefault("15m")
    Duration clientTokenTtl();

    /** Characters of prompt plus message contents of a start; above it 413 {@code prompt_too_large}. */
    @WithDefault("32768")
    int maxPromptChars();

    /** Events of one pushed response (highest seq + 1); above it 413 {@code too_many_events}. */
    @WithDefault("100000")
    long maxEventsPerResponse();
}
