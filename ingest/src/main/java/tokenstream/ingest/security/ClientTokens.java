package tokenstream.ingest.security;

import tokenstream.servicekit.security.AccessTokenIssuer;
import tokenstream.servicekit.security.AccessTokenVerifier;
import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.security.SecurityConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The token a start's answer hands to the client: read and cancel on that one conversation, short-lived. */
@Startup
@ApplicationScoped
public class ClientTokens {
    private final IngestSecurityConfig config;
    /** Null when security is off or issuing is not configured. */
    private final AccessTokenIssuer issuer;

    /** A signed token and when it stops working. */
    public record Issued(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    /** Checks at start rather than at the first start request that ingest can sign tokens every service accepts. */
    public ClientTokens(SecurityConfig security, IngestSecurityConfig config, AccessTokenVerifier verifier) {
        this.config = config;
        this.issuer = security.enabled() && config.issueClientTokens()
                ? verifier.issuer("tokenstream.security.issue-client-tokens=true", config.clientTokenTtl(),
                        "tokenstream.security.client-token-ttl")
                : null;
    }

    /** Empty when security is off or issuing is not configured. */
    public Optional<Issued> issue(String conversationId, Principal startedBy) {
        if (issuer == null) {
            return Optional.empty();
        }
        // Whole seconds: the token's exp claim has no finer unit, and the answer must say the same instant.
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().plus(config.clientTokenTtl()).getEpochSecond());
        String token = issuer.sign(startedBy.name(), List.of(Scopes.READ, Scopes.CANCEL), List.of(conversationId),
                expiresAt);
        return Optional.of(new Issued(token, expiresAt));
    }
}
