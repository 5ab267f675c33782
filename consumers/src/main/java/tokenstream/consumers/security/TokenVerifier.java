package tokenstream.consumers.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.consumers.http.ApiException;
import tokenstream.servicekit.security.JwtVerifier;
import tokenstream.servicekit.security.TokenKeys;
import tokenstream.servicekit.security.TokenPolicy;
import tokenstream.servicekit.security.TokenRejected;
import tokenstream.servicekit.security.VerifiedToken;

/** Verifies tokens with the secret shared by the services or the configured public keys. */
@Startup
@ApplicationScoped
public class TokenVerifier {

    private final JwtVerifier verifier;

    public TokenVerifier(SecurityConfig config) {
        this.verifier = !config.enabled() ? null : new JwtVerifier(
                TokenKeys.load(config.jwtSecretFile(), config.jwtSecret(), config.jwtPublicKeysFile()),
                new TokenPolicy(config.issuer(), config.jwtAudience(), config.jwtMaxLifetime(), config.jwtClockSkew()));
    }

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    public ReadGrant verify(String token) {
        try {
            VerifiedToken verified = verifier.verify(token);
            return new ReadGrant(verified.scopes().contains("read"), verified.conversations());
        } catch (TokenRejected e) {
            throw new ApiException(401, "unauthorized", switch (e.reason()) {
                case EXPIRED -> "the access token has expired";
                case LIFETIME_TOO_LONG -> "the access token's lifetime (exp - iat) is longer than this service accepts";
                case MALFORMED_CLAIMS, INVALID -> "the access token is not valid (bad signature, issuer, audience or format)";
            });
        }
    }
}
