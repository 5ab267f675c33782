package tokenstream.relay.security;

import io.vertx.ext.web.RoutingContext;
import tokenstream.relay.http.ApiError;

/** A request refused before anything was served: 401, 403 or 429, with the relay's JSON error body. */
public final class AccessDenied extends RuntimeException {
    private final ApiError error;
    private final String retryAfterSeconds;

    private AccessDenied(ApiError error, String retryAfterSeconds) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static AccessDenied unauthorized(String message) {
        return new AccessDenied(new ApiError(401, "unauthorized", message), null);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(new ApiError(403, "forbidden", message), null);
    }

    public static AccessDenied tooMany(String message) {
        return new AccessDenied(new ApiError(429, "too_many_streams", message), "5");
    }

    public void send(RoutingContext ctx) {
        if (error.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (retryAfterSeconds != null) {
            ctx.response().putHeader("Retry-After", retryAfterSeconds);
        }
        error.send(ctx);
    }
}
