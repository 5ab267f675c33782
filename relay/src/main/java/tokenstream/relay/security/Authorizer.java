package tokenstream.relay.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Decides whether a request may {@code read} or {@code cancel} a conversation. */
@ApplicationScoped
public class Authorizer {
    @Inject
    SecurityConfig config;
    @Inject
    TokenCodec codec;

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
        AccessToken verified = codec.verify(token);
        if (!verified.allows(scope, conversationId)) {
            throw AccessDenied.forbidden("the access token does not grant '" + scope + "' on conversation " + conversationId);
        }
        return verified;
    }
}
