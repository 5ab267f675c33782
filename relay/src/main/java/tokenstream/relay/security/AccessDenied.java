package tokenstream.relay.security;

import io.vertx.ext.web.RoutingContext;
import tokenstream.relay.http.RouteErrors;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.util.Map;

/** A request refused before anything was served: 401, 403 or 429, with the relay's headers for each. */
public final class AccessDenied extends ApiException {

    private AccessDenied(ApiError error, Map<String, String> headers) {
        super(error, headers);
    }

    public static AccessDenied unauthorized(String message) {
        return new AccessDenied(new ApiError(401, "unauthorized", message), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(new ApiError(403, "forbidden", message), Map.of());
    }

    public static AccessDenied tooMany(String message) {
        return new AccessDenied(new ApiError(429, "too_many_streams", message), Map.of("Retry-After", "5"));
    }

    public void send(RoutingContext ctx) {
        RouteErrors.send(ctx, this);
    }
}
