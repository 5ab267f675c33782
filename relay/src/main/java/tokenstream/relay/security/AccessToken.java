package tokenstream.relay.security;

import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.security.VerifiedToken;

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
        return new AccessToken("anonymous", null, null, Scopes.UNRESTRICTED, Set.of(Scopes.ANY_CONVERSATION));
    }

    static AccessToken of(VerifiedToken verified) {
        return new AccessToken(verified.subject(), verified.key(), verified.expiresAt(), verified.scopes(),
                verified.conversations());
    }

    public boolean allows(String scope, String conversationId) {
        return Scopes.grant(scopes, conversations, scope, conversationId);
    }
}
