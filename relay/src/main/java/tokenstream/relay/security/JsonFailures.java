package tokenstream.relay.security;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import tokenstream.relay.http.RouteErrors;
import tokenstream.servicekit.web.ApiError;

/**
 * Failures inside the relay's own routes (an oversized body refused by the body handler, a query string that
 * cannot be decoded) answered in the API's JSON error shape instead of the server's default page.
 */
@ApplicationScoped
public class JsonFailures {
    private static final Logger LOG = Logger.getLogger(JsonFailures.class);

    void register(@Observes Router router) {
        router.route("/v1/*").failureHandler(this::answer);
    }

    private void answer(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode();
        Throwable failure = ctx.failure();
        if (status == 413) {
            RouteErrors.send(ctx, new ApiError(413, "body_too_large",
                    "the request body is larger than this endpoint accepts"));
        } else if (failure instanceof IllegalArgumentException) {
            // Vert.x decodes path and query lazily and throws on a broken %-escape or bytes that are not UTF-8.
            RouteErrors.send(ctx, new ApiError(400, "bad_request",
                    "the request's path or query string cannot be decoded"));
        } else if (status >= 400 && status < 500) {
            RouteErrors.send(ctx, new ApiError(status, "bad_request",
                    "the request was refused (HTTP " + status + ")"));
        } else {
            LOG.errorf(failure, "unexpected failure on %s %s", ctx.request().method(), ctx.normalizedPath());
            RouteErrors.send(ctx, new ApiError(500, "internal_error", "internal error; see the relay log"));
        }
    }
}
