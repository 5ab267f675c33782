package tokenstream.servicekit.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Turns a bearer token into a {@link VerifiedToken} under the {@link TokenPolicy}, with the shared HS256 secret or the
 * configured public keys. Loaded at start, so that missing or unusable keys stop the service rather than its first
 * request. What a token then allows is each service's own rule.
 */
@Startup
@ApplicationScoped
public class AccessTokenVerifier {
    private final TokenKeys keys;
    private final TokenPolicy policy;
    private final JwtVerifier verifier;

    public AccessTokenVerifier(SecurityConfig config) {
        if (!config.enabled()) {
            this.keys = null;
            this.policy = null;
            this.verifier = null;
            return;
        }
        this.keys = TokenKeys.load(config.jwtSecretFile(), config.jwtSecret(), config.jwtPublicKeysFile());
        this.policy = new TokenPolicy(config.issuer(), config.jwtAudience(), config.jwtMaxLifetime(),
                config.jwtClockSkew());
        this.verifier = new JwtVerifier(keys, policy);
    }

    /**
     * @throws TokenRejected for a malformed, tampered, foreign, expired or too long-lived token
     */
    public VerifiedToken verify(String token) throws TokenRejected {
        return enabled().verify(token);
    }

    /**
     * An issuer for a feature that mints tokens of the given lifetime, checked now: the feature needs the HS256 secret,
     * and every service must accept the lifetime.
     *
     * @param feature         the setting that turned the feature on, named in the start failure
     * @param lifetime        how long its tokens live
     * @param lifetimeSetting the property that sets {@code lifetime}, named in the start failure
     * @throws IllegalStateException when the feature cannot sign tokens every service accepts
     */
    public AccessTokenIssuer issuer(String feature, Duration lifetime, String lifetimeSetting) {
        enabled();
        policy.requireSignable(lifetime, lifetimeSetting);
        return new AccessTokenIssuer(keys, policy, feature);
    }

    private JwtVerifier enabled() {
        if (verifier == null) {
            throw new IllegalStateException("tokens are verified and signed only with tokenstream.security.enabled=true");
        }
        return verifier;
    }
}
