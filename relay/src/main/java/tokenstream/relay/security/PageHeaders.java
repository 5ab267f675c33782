package tokenstream.relay.security;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Response headers that keep the demo page and the browser client module to themselves: no inline or foreign script
 * can run in the page, it cannot be framed (clickjacking the Stop button), it sends no {@code Referer} (stream URLs
 * may hold a token), and nothing it serves is content-sniffed into something executable. Set on every response: they
 * cost nothing on JSON and event streams and leave no page of the relay uncovered.
 */
@ApplicationScoped
public class PageHeaders {
    /**
     * {@code 'self'} only: the page loads {@code /app.js}, {@code /tokenstream-client.js} and {@code /styles.css} and
     * talks to its own origin (fetch, EventSource); its icon is a {@code data:} URL. No inline script or style.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Router router) {
        router.route().order(RequestGuards.ORDER - 1).handler(this::addHeaders);
    }

    private void addHeaders(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("Referrer-Policy", "no-referrer")
                .set("X-Content-Type-Options", "nosniff");
        ctx.next();
    }
}
