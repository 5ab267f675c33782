package tokenstream.ingest.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import tokenstream.servicekit.security.QueryTokens;
import tokenstream.servicekit.security.SecurityConfig;
import tokenstream.servicekit.web.ApiException;

/**
 * Ingest reads credentials from {@code Authorization} only, and has no {@code GET …/stream} route: a token in the query
 * string is refused outright (401 {@code query_token_not_allowed}) rather than ignored, so that a client that leaks
 * tokens into URLs (and so into logs) finds out at once.
 */
public class QueryTokenFilter {
    private final SecurityConfig config;

    public QueryTokenFilter(SecurityConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public void refuseQueryTokens(ContainerRequestContext request) {
        if (config.enabled() && request.getUriInfo().getQueryParameters().containsKey(QueryTokens.PARAMETER)
                && !QueryTokens.allowedOn(request.getMethod(), request.getUriInfo().getPath())) {
            throw new ApiException(401, QueryTokens.REFUSED_CODE, QueryTokens.REFUSED_MESSAGE);
        }
    }
}
