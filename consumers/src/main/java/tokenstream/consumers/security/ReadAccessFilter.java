package tokenstream.consumers.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import tokenstream.consumers.http.ApiException;
import tokenstream.servicekit.security.QueryTokens;

/**
 * Reading the audit API needs a token with the {@code read} scope: a conversation's transcript, a token naming
 * that conversation; single responses and statistics, which are not looked up by conversation, a server token
 * ({@code conversations: ["*"]}). Health and metrics ({@code /q/*}) stay open. The token travels in
 * {@code Authorization} only; one in the query string is refused, not ignored ({@link QueryTokens}).
 */
public class ReadAccessFilter {
    private static final String BEARER = "Bearer ";

    private final SecurityConfig config;
    private final TokenVerifier verifier;

    public ReadAccessFilter(SecurityConfig config, TokenVerifier verifier) {
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
        ReadGrant grant = verifier.verify(authorization.substring(BEARER.length()).trim());
        String conversationId = request.getUriInfo().getPathParameters().getFirst("conversationId");
        boolean allowed = conversationId != null ? grant.covers(conversationId) : grant.coversAll();
        if (!allowed) {
            throw new ApiException(403, "forbidden", conversationId != null
                    ? "the access token does not grant 'read' on conversation " + conversationId
                    : "this endpoint needs a server token with 'read' on every conversation");
        }
    }
}
