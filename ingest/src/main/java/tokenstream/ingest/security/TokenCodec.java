package tokenstream.ingest.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.web.ApiException;
import tokenstream.servicekit.security.JwtSigner;
import tokenstream.servicekit.security.JwtVerifier;
import tokenstream.servicekit.security.TokenKeys;
import tokenstream.servicekit.security.TokenPolicy;
import tokenstream.servicekit.security.TokenRejected;
import tokenstream.servicekit.security.VerifiedToken;

import java.time.Instant;
import java.util.List;

/**
 * Verifies producer tokens (HS256 with the secret shared with the relay, or the configured public keys) and signs
 * client tokens, which needs the secret.
 */
@Startup
@ApplicationScoped
public class TokenCodec {
    private final JwtVerifier verifier;
    private final JwtSigner signer;

    public TokenCodec(SecurityConfig config) {
        if (!config.enabled()) {
            this.verifier = null;
            this.signer = null;
            return;
        }
        TokenKeys keys = TokenKeys.load(config.jwtSecretFile(), config.jwtSecret(), config.jwtPublicKeysFile());
        TokenPolicy policy = new TokenPolicy(config.issuer(), config.jwtAudience(), config.jwtMaxLifetime(),
                config.jwtClockSkew());
        this.verifier = new JwtVerifier(keys, policy);
        // Checked at start rather than at the first start request.
        if (config.issueClientTokens()) {
            policy.requireSignable(config.clientTokenTtl(), "tokenstream.security.client-token-ttl");
        }
        this.signer = config.issueClientTokens()
                ? new JwtSigner(keys, policy, "tokenstream.security.issue-client-tokens=true") : null;
    }

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    public Principal verify(String token) {
        try {
            VerifiedToken verified = verifier.verify(token);
            return new Principal("jwt:" + verified.subject(), verified.scopes(), verified.conversations());
        } catch (TokenRejected e) {
            throw Producers.unauthorized(switch (e.reason()) {
                case EXPIRED -> "the token has expired";
                case MALFORMED_CLAIMS -> "the token has malformed claims";
                case LIFETIME_TOO_LONG -> "the token's lifetime (exp - iat) is longer than ingest accepts";
                case INVALID -> "the credentials are neither a known API key nor a valid token (signature, issuer, "
                        + "audience, format)";
            });
        }
    }

    public String sign(String subject, List<String> scopes, List<String> conversations, Instant expiresAt) {
        if (signer == null) {
            throw new IllegalStateException("ingest signs tokens only with tokenstream.security.issue-client-tokens=true");
        }
        return signer.sign(subject, scopes, conversations, expiresAt);
    }
}
