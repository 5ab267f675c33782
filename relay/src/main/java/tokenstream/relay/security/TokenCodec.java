package tokenstream.relay.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import tokenstream.servicekit.security.JwtSigner;
import tokenstream.servicekit.security.JwtVerifier;
import tokenstream.servicekit.security.TokenKeys;
import tokenstream.servicekit.security.TokenPolicy;
import tokenstream.servicekit.security.TokenRejected;
import tokenstream.servicekit.security.VerifiedToken;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Verifies client tokens (HS256 with the secret shared with ingest, or the configured public keys) and, for the demo
 * forwarder, signs producer tokens, which needs the secret.
 */
@Startup
@ApplicationScoped
public class TokenCodec {
    private final JwtVerifier verifier;
    private final JwtSigner signer;

    @Inject
    public TokenCodec(SecurityConfig config, DemoConfig demo) {
        if (!config.enabled()) {
            this.verifier = null;
            this.signer = null;
            return;
        }
        TokenKeys keys = TokenKeys.load(config.jwtSecretFile(), config.jwtSecret(), config.jwtPublicKeysFile());
        TokenPolicy policy = new TokenPolicy(config.issuer(), config.jwtAudience(), config.jwtMaxLifetime(),
                config.jwtClockSkew());
        this.verifier = new JwtVerifier(keys, policy);
        // Checked at start: a demo that cannot sign would only show up as 401s on the demo page.
        if (demo.enabled()) {
            policy.requireSignable(demo.producerTokenTtl(), "tokenstream.relay.demo.producer-token-ttl");
        }
        this.signer = demo.enabled() ? new JwtSigner(keys, policy, "tokenstream.relay.demo.enabled=true") : null;
    }

    /** @throws AccessDenied 401 for a malformed, tampered, foreign or expired token */
    public AccessToken verify(String token) {
        try {
            VerifiedToken verified = verifier.verify(token);
            return new AccessToken(verified.subject(), verified.key(), verified.expiresAt(), verified.scopes(),
                    verified.conversations());
        } catch (TokenRejected e) {
            throw AccessDenied.unauthorized(switch (e.reason()) {
                case EXPIRED -> "the access token has expired";
                case MALFORMED_CLAIMS -> "the access token has malformed claims";
                case LIFETIME_TOO_LONG -> "the access token's lifetime (exp - iat) is longer than the relay accepts";
                case INVALID -> "the access token is not valid (bad signature, issuer, audience or format)";
            });
        }
    }

    /** A token for {@code subject} with the given scopes on the given conversations (demo only). */
    public String sign(String subject, List<String> scopes, List<String> conversations, Duration ttl) {
        if (signer == null) {
            throw new IllegalStateException("the relay signs tokens only with tokenstream.relay.demo.enabled=true");
        }
        return signer.sign(subject, scopes, conversations, Instant.now().plus(ttl));
    }
}
