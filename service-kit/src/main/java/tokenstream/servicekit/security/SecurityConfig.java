package tokenstream.servicekit.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The token settings every service shares ({@code tokenstream.security.*}); see docs/security.md. A service's own rules
 * under the same prefix (ingest's API keys and limits, the relay's stream limits) are a mapping of that service.
 */
@ConfigMapping(prefix = "tokenstream.security")
public interface SecurityConfig {

    /** Off only by an explicit setting (tests that are not about security, benchmarks). */
    @WithDefault("true")
    boolean enabled();

    /** HS256 secret shared by the services (at least 32 bytes); prefer {@link #jwtSecretFile()}. */
    Optional<String> jwtSecret();

    /** A file holding the HS256 secret, so that it appears neither in the config nor in a command line. */
    Optional<Path> jwtSecretFile();

    /**
     * A file of public keys that verify tokens signed by an external issuer (RS256, RS384, RS512, PS256, ES256,
     * ES384): a JWKS document ({@code {"keys":[...]}}, keys chosen by the token's {@code kid}) or PEM
     * {@code -----BEGIN PUBLIC KEY-----} blocks. With it the HS256 secret is optional for verifying; signing (ingest's
     * {@code issue-client-tokens}, the relay's {@code tokenstream.relay.demo.enabled}) still needs it.
     */
    Optional<Path> jwtPublicKeysFile();

    /** The {@code iss} of every token, issued or accepted. */
    @WithDefault("tokenstream")
    String issuer();

    /** A value every token's {@code aud} must hold; the tokens the services sign carry it. */
    @WithDefault("tokenstream")
    String jwtAudience();

    /** The longest lifetime ({@code exp - iat}) of a token accepted; longer-lived tokens are refused with 401. */
    @WithDefault("1h")
    Duration jwtMaxLifetime();

    /** Tolerated clock difference with the issuer on {@code exp}, {@code nbf} and {@code iat}. */
    @WithDefault("30s")
    Duration jwtClockSkew();
}
