package tokenstream.relay.security;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import tokenstream.servicekit.security.QueryTokens;

import java.util.Optional;

/**
 * Where a client's token is found: {@code Authorization: Bearer}, the {@code tokenstream_token} cookie, or, on
 * {@code GET …/stream} only ({@link QueryTokens}), the {@code access_token} query parameter (EventSource can set
 * neither headers nor, across origins, cookies).
 */
public final class Credentials {
    public static final String COOKIE = "tokenstream_token";
    public static final String QUERY_PARAMETER = QueryTokens.PARAMETER;
    private static final String BEARER = "Bearer ";

    private Credentials() {
    }

    public static Optional<String> of(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return nonBlank(authorization.substring(BEARER.length()));
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null) {
            return nonBlank(cookie.getValue());
        }
        if (!QueryTokens.allowedOn(request.method().name(), request.path())) {
            return Optional.empty();
        }
        return nonBlank(request.getParam(QUERY_PARAMETER));
    }

    /** Whether the token, if any, comes from the cookie: the one credential a browser adds on its own (CSRF). */
    public static boolean isCookieOnly(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !authorization.substring(BEARER.length()).isBlank();
        Cookie cookie = request.getCookie(COOKIE);
        return !bearer && cookie != null && !cookie.getValue().isBlank();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
