package tokenstream.servicekit.security;

import java.time.Instant;
import java.util.Set;

/**
 * A token whose signature, issuer and expiry were checked. It never holds the token text itself, so printing it
 * cannot leak a credential.
 *
 * @param subject       {@code sub}
 * @param key           identifies the token (per-token limits): its {@code jti}, or a hash of the token without one
 * @param expiresAt     {@code exp}
 * @param scopes        {@code scope}, a space-separated string or a list
 * @param conversations {@code conversations}, {@code "*"} for all
 */
public record VerifiedToken(String subject, String key, Instant expiresAt, Set<String> scopes,
                            Set<String> conversations) {

    /** Whether the token grants {@code scope} on the conversation ({@link Scopes#ANY_CONVERSATION}: on every one). */
    public boolean allows(String scope, String conversationId) {
        return Scopes.grant(scopes, conversations, scope, conversationId);
    }
}
