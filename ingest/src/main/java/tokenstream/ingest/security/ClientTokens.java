package tokenstream.ingest.security;

import tokenstream.servicekit.security.Scopes;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The token a start's answer hands to the client: read and cancel on that one conversation, short-lived. */
@ApplicationScoped
public class ClientTokens {
    private final SecurityConfig config;
    private final TokenCodec codec;

    /** A signed token and when it stops working. */
    public record Issued(String accessToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[expiresAt=" + expiresAt + "]";
        }
    }

    public ClientTokens(SecurityConfig config, TokenCodec codec) {
        this.config = config;
        this.codec = codec;
    }

    /** Empty when security is off or issuing is not configured. */
    public Optional<Issued> issue(String conversationId, Principal startedBy) {
        if (!config.enabled() || !config.issueClientTokens()) {
            return Optional.empty();
        }
        // Whole seconds: the token's exp claim has no finer unit, and the answer must say the same instant.
        Instant expiresAt = Instant.ofEpochSecond(Instant.now().plus(config.clientTokenTtl()).getEpochSecond());
        String token = codec.sign(startedBy.name(), List.of(Scopes.READ, Scopes.CANCEL), List.of(conversationId),
                expiresAt);
        return Optional.of(new Issued(token, expiresAt));
    }
}
