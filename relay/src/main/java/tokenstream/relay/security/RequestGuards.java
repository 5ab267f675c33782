package tokenstream.relay.security;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tokenstream.relay.http.RouteErrors;
import tokenstream.servicekit.security.QueryTokens;
import tokenstream.servicekit.security.SecurityConfig;
import tokenstream.servicekit.web.ApiError;

import java.net.URI;
import java.util.Locale;

/**
 * Checks on every API request before its route runs (security on):
 * <ul>
 *   <li>a token in the query string is refused (401 {@code query_token_not_allowed}) anywhere but
 *       {@code GET …/stream}: it would end up in logs and {@code Referer} headers, and no other route needs it;</li>
 *   <li>a POST whose only credential is the cookie, which the browser adds by itself, must come from this origin
 *       ({@code Origin} naming the host it was sent to) or carry a JSON content type (which a cross-site form cannot
 *       send and a cross-site script can only send after a CORS preflight): otherwise 403 {@code csrf_rejected}.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestGuards {
    /** Before the routes, which have the default orders from 0 up; after Quarkus' own CORS handling. */
    static final int ORDER = -100;

    private final SecurityConfig security;

    public RequestGuards(SecurityConfig security) {
        this.security = security;
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(ORDER).handler(this::guard);
    }

    private void guard(RoutingContext ctx) {
        if (!security.enabled()) {
            ctx.next();
            return;
        }
        HttpServerRequest request = ctx.request();
        if (request.params().contains(QueryTokens.PARAMETER)
                && !QueryTokens.allowedOn(request.method().name(), request.path())) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            RouteErrors.send(ctx, new ApiError(401, QueryTokens.REFUSED_CODE, QueryTokens.REFUSED_MESSAGE));
            return;
        }
        if (request.method() == HttpMethod.POST && Credentials.isCookieOnly(request)
                && !isSameOrigin(request) && !isJson(request)) {
            RouteErrors.send(ctx, new ApiError(403, "csrf_rejected", "a request authenticated by the "
                    + Credentials.COOKIE + " cookie must come from this origin (Origin header) or be sent as "
                    + "application/json"));
            return;
        }
        ctx.next();
    }

    /** Whether {@code Origin} names the host and port the request was sent to (the scheme may be a proxy's). */
    static boolean isSameOrigin(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        if (origin == null || host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return withoutDefaultPort(authority).equalsIgnoreCase(withoutDefaultPort(host.trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String authority) {
        if (authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        if (authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        return authority;
    }

    private static boolean isJson(HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        if (type == null) {
            return false;
        }
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }
}
