package tokenstream.relay.http;

import io.vertx.ext.web.RoutingContext;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

/**
 * Ends a Vert.x route with the API's JSON error body, the same body service-kit's JAX-RS mapper writes for ingest and
 * consumers.
 */
public final class RouteErrors {

    private RouteErrors() {
    }

    /** Ends the request with this error, or just ends it when its head has already gone out (a stream under way). */
    public static void send(RoutingContext ctx, ApiError error) {
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        ctx.response().setStatusCode(error.status())
                .putHeader("Content-Type", "application/json")
                .end(error.toJson());
    }

    /** Ends the request with the exception's error and headers. */
    public static void send(RoutingContext ctx, ApiException e) {
        if (!ctx.response().headWritten()) {
            e.headers().forEach(ctx.response()::putHeader);
        }
        send(ctx, e.error());
    }
}
