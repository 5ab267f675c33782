package tokenstream.relay.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.protocol.ProtocolJson;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.security.ClientAddress;
import tokenstream.relay.security.DemoConfig;
import tokenstream.servicekit.security.DemoStartBody;
import tokenstream.servicekit.web.ApiError;

import java.io.IOException;

/**
 * The relay's side of anonymous demo starts (the ones it signs): at most {@code starts-per-address} per client address
 * and window, and only what a demo start may ask for is forwarded. Ingest enforces the demo's terms again.
 */
@ApplicationScoped
public class DemoStarts {
    private final DemoStartLimiter limiter;
    private final Counter refused;

    public DemoStarts(DemoConfig config, MeterRegistry meters) {
        this.limiter = new DemoStartLimiter(config.startsPerAddress(), config.startsWindow(), config.addressesTracked(),
                System::nanoTime);
        this.refused = Counter.builder("tokenstream.relay.demo.starts.refused")
                .description("anonymous demo starts refused by the per-address rate limit").register(meters);
        Gauge.builder("tokenstream.relay.demo.addresses.tracked", limiter, DemoStartLimiter::trackedAddresses)
                .description("client addresses whose demo starts are remembered").register(meters);
    }

    /** Counts the start against the client's address; false when it was refused (the request has been answered 429). */
    public boolean admit(RoutingContext ctx) {
        long retryAfter = limiter.tryStart(ClientAddress.of(ctx));
        if (retryAfter == 0) {
            return true;
        }
        refused.increment();
        ctx.response().putHeader("Retry-After", Long.toString(retryAfter));
        RouteErrors.send(ctx, new ApiError(429, "too_many_starts",
                "too many anonymous demo starts from this address; retry in " + retryAfter + " s"));
        return false;
    }

    /** The body to forward: only what a demo start may set; a body that is not JSON goes as it is, for ingest's 400. */
    public byte[] body(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        try {
            JsonNode request = ProtocolJson.mapper().readTree(body);
            return request == null || !request.isObject() ? body
                    : ProtocolJson.mapper().writeValueAsBytes(DemoStartBody.of(request));
        } catch (IOException notJson) {
            return body;
        }
    }
}
