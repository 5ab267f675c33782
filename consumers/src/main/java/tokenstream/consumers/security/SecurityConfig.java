package tokenstream.consumers.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** Who may read audited responses and transcripts; see docs/security.md. */
@ConfigMapping(prefix = "tokenstream.security")
public interface SecurityConfig {

    /** Off only by an explicit setting (tests that are not about security, benchmarks). */
    @WithDefault("true")
    boolean enabled();

    /** HS256 secret shared with ingest and the relay (at least 32 bytes); prefer {@link #jwtSecretFile()}. */
    Optional<String> jwtSecret();

    /** A file holding the HS256 secret. */
    Optional<Path> jwtSecretFile();

    /** The {@code iss} every token must carry. */
    @WithDefault("tokenstream")
    String issuer();
}
