package tokenstream.relay.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The relay's own security rules under {@code tokenstream.security}: how many streams one token or one client address
 * holds open; see docs/security.md. The settings every service shares are service-kit's
 * {@link tokenstream.servicekit.security.SecurityConfig}.
 */
@ConfigMapping(prefix = "tokenstream.security")
public interface RelaySecurityConfig {

    /** Streams open at once with one token; above it 429 {@code too_many_streams}. */
    @WithDefault("8")
    int maxStreamsPerToken();

    /** Streams open at once from one client address; above it 429 {@code too_many_streams}. */
    @WithDefault("256")
    int maxStreamsPerAddress();
}
