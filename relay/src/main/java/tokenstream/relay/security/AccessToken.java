package tokenstream.relay.security;

import tokenstream.servicekit.security.Scopes;
import java.time.Instant;
import java.util.Set;

/**
 * A verified token. It never holds the token text itself, so printing it cannot leak a credential.
 *
 * @param subject       {@code sub}
 * @param key           identifies the token for the per-token stream limit (its {@code jti}, or a hash)
 * @param expiresAt     {@code exp}; null only when security is off
 * @param scopes        {@code scope}
 * @param conversations {@code conversations}, {@code "*"} for all
 */
public record AccessToken(String subject, String key, Instant expiresAt, Set<String> scopes,
                          Set<String> conversations) {

    /** What every request is when security is off. */
    public static AccessToken unrestricted() {
        return new AccessToken("anonymous", null, null, Set.of(Scopes.READ, Scopes.CANCEL, Scopes.PRODUCE),
                Set.of(Scopes.ANY_CONVERSATION));
    }

    public boolean allows(String scope, String conversationId) {
        return scopes.contains(scope)
                && (conversations.contains(Scopes.ANY_CONVERSATION) || conversations.contains(conversationId));
    }
}
