package tokenstream.ingest.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may produce, cancel, and what tokens ingest hands out; see docs/security.md. */
@ConfigMapping(prefix = "tokenstream.security")
public interface SecurityConfig {

    /** Off only by an explicit setting (tests that are not about security, benchmarks). */
    @WithDefault("true")
    boolean enabled();

    /** HS256 secret shared with the relay (at least 32 bytes); prefer {@link #jwtSecretFile()}. */
    Optional<String> jwtSecret();

    /** A file holding the HS256 secret, so that it appears neither in the config nor in a command line. */
    Optional<Path> jwtSecretFile();

    /**
     * A file of public keys that verify tokens signed by an external issuer (RS256, RS384, RS512, PS256, ES256,
     * ES384): a JWKS document ({@code {"keys":[...]}}, keys chosen by the token's {@code kid}) or PEM
     * {@code -----BEGIN PUBLIC KEY-----} blocks. With it the HS256 secret is optional for verifying; signing client tokens
     * ({@code issue-client-tokens}) still needs it.
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
