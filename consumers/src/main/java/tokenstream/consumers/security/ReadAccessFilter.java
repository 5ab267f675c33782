package tokenstream.consumers.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import tokenstream.servicekit.security.AccessTokenVerifier;
import tokenstream.servicekit.security.QueryTokens;
import tokenstream.servicekit.security.RejectionMessages;
import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.security.SecurityConfig;
import tokenstream.servicekit.security.TokenRejected;
import tokenstream.servicekit.security.VerifiedToken;
import tokenstream.servicekit.web.ApiException;

/**
 * Reading the audit API needs a token with the {@code read} scope: a conversation's transcript, a token naming
 * that conversation; single responses and statistics, which are not looked up by conversation, a server token
 * ({@code conversations: ["*"]}). Health and metrics ({@code /q/*}) stay open. The token travels in
 * {@code Authorization} only; one in the query string is refused, not ignored ({@link QueryTokens}).
 */
public class ReadAccessFilter {
    private static final String BEARER = "Bearer ";
    private static final RejectionMessages REJECTED = RejectionMessages.forAccessTokens(
            RejectionMessages.ACCESS_TOKEN_INVALID,
            "the access token's lifetime (exp - iat) is longer than this service accepts");

    private final SecurityConfig config;
    private final AccessTokenVerifier verifier;

    public ReadAccessFilter(SecurityConfig config, AccessTokenVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
    }

    @ServerRequestFilter
    public void requireReadAccess(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!config.enabled() || !path.startsWith("/v1/")) {
            return;
        }
        if (request.getUriInfo().getQueryParameters().containsKey(QueryTokens.PARAMETER)
                && !QueryTokens.allowedOn(request.getMethod(), path)) {
            throw new ApiException(401, QueryTokens.REFUSED_CODE, QueryTokens.REFUSED_MESSAGE);
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || authorization.substring(BEARER.length()).isBlank()) {
            throw new ApiException(401, "unauthorized", "an access token is required: Authorization: Bearer <token>");
        }
        VerifiedToken token = verify(authorization.substring(BEARER.length()).trim());
        String conversationId = request.getUriInfo().getPathParameters().getFirst("conversationId");
        // Without a conversation in the path, only a token for every conversation reads.
        boolean allowed = token.allows(Scopes.READ, conversationId != null ? conversationId : Scopes.ANY_CONVERSATION);
        if (!allowed) {
            throw new ApiException(403, "forbidden", conversationId != null
                    ? "the access token does not grant 'read' on conversation " + conversationId
                    : "this endpoint needs a server token with 'read' on every conversation");
        }
    }

    /** @throws ApiException 401 for a malformed, tampered, foreign or expired token */
    private VerifiedToken verify(String token) {
        try {
            return verifier.verify(token);
        } catch (TokenRejected e) {
            throw new ApiException(401, "unauthorized", REJECTED.of(e));
        }
    }
}
