package tokenstream.relay.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.servicekit.security.AccessTokenVerifier;
import tokenstream.servicekit.security.RejectionMessages;
import tokenstream.servicekit.security.SecurityConfig;
import tokenstream.servicekit.security.TokenRejected;

/** Decides whether a request may {@code read} or {@code cancel} a conversation. */
@ApplicationScoped
public class Authorizer {
    private static final RejectionMessages REJECTED = RejectionMessages.forAccessTokens(
            "the access token has malformed claims",
            "the access token's lifetime (exp - iat) is longer than the relay accepts");

    private final SecurityConfig config;
    private final AccessTokenVerifier verifier;

    public Authorizer(SecurityConfig config, AccessTokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
    }

    /**
     * The request's verified token when it grants {@code scope} on the conversation.
     *
     * @throws AccessDenied 401 without a valid token, 403 when the token does not cover the conversation
     */
    public AccessToken require(RoutingContext ctx, String conversationId, String scope) {
        if (!config.enabled()) {
            return AccessToken.unrestricted();
        }
        String token = Credentials.of(ctx.request()).orElseThrow(() -> AccessDenied.unauthorized(
                "an access token is required (Authorization: Bearer, cookie " + Credentials.COOKIE
                        + " or query parameter " + Credentials.QUERY_PARAMETER + ")"));
        AccessToken verified = verify(token);
        if (!verified.allows(scope, conversationId)) {
            throw AccessDenied.forbidden("the access token does not grant '" + scope + "' on conversation " + conversationId);
        }
        return verified;
    }

    /** @throws AccessDenied 401 for a malformed, tampered, foreign or expired token */
    private AccessToken verify(String token) {
        try {
            return AccessToken.of(verifier.verify(token));
        } catch (TokenRejected e) {
            throw AccessDenied.unauthorized(REJECTED.of(e));
        }
    }
}
