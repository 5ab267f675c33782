package tokenstream.servicekit.security;

import java.util.regex.Pattern;

/**
 * Where a token may travel in the query string ({@code ?access_token=}): only on {@code GET …/stream}, because
 * EventSource can send no header there. Everywhere else the token belongs in {@code Authorization}: a URL ends up in
 * proxy logs, browser history and {@code Referer} headers, and a POST never needs it there. The same rule in every
 * service.
 */
public final class QueryTokens {
    /** The query parameter that carries a token. */
    public static final String PARAMETER = "access_token";
    /** The {@code code} of the 401 answer to a query token where none is accepted. */
    public static final String REFUSED_CODE = "query_token_not_allowed";
    /** The message of that answer. */
    public static final String REFUSED_MESSAGE = "a token in the query string (" + PARAMETER + ") is accepted only on "
            + "GET /v1/conversations/{id}/stream; send it as Authorization: Bearer <token>";

    private static final Pattern STREAM_PATH = Pattern.compile("/v1/conversations/[^/]+/stream/?");

    private QueryTokens() {
    }

    /** Whether a request with this method and path may carry its token in the query string. */
    public static boolean allowedOn(String method, String path) {
        return "GET".equalsIgnoreCase(method) && path != null && STREAM_PATH.matcher(path).matches();
    }
}
