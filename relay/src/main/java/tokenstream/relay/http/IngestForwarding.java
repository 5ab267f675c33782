package tokenstream.relay.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.relay.config.RelayConfig;
import tokenstream.servicekit.web.ApiError;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Sends a request of a relay route on to ingest and answers the client with ingest's status, JSON body and
 * {@code Retry-After}, so the relay's forwarded endpoints behave exactly like ingest's own.
 */
@ApplicationScoped
public class IngestForwarding {
    private final RelayConfig config;
    private final Vertx vertx;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    public IngestForwarding(RelayConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** A POST to {@code path} on ingest carrying the route's body; the caller adds headers. */
    public HttpRequest.Builder post(String path, RoutingContext ctx) {
        return post(path, ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    }

    /** A POST to {@code path} on ingest carrying {@code body}; the caller adds headers. */
    public HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(config.ingestUrl() + path))
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Sends the request and ends the route with ingest's answer, or 502 when ingest cannot be reached. */
    public void forward(HttpRequest request, RoutingContext ctx) {
        exchange(request, ctx, response -> {
            ctx.response().setStatusCode(response.statusCode());
            response.headers().firstValue("Content-Type").ifPresent(t -> ctx.response().putHeader("Content-Type", t));
            response.headers().firstValue("Retry-After").ifPresent(t -> ctx.response().putHeader("Retry-After", t));
            ctx.response().end(Buffer.buffer(response.body()));
        });
    }

    /**
     * Sends the request and hands ingest's answer to {@code onAnswer} on the route's context, for a route that does
     * more with it than pass it on; ends the route with 502 when ingest cannot be reached.
     */
    public void exchange(HttpRequest request, RoutingContext ctx, Consumer<HttpResponse<byte[]>> onAnswer) {
        var context = vertx.getOrCreateContext();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) ->
                context.runOnContext(v -> {
                    if (failure != null) {
                        RouteErrors.send(ctx, new ApiError(502, "ingest_unavailable",
                                "cannot reach ingest at " + config.ingestUrl()));
                        return;
                    }
                    onAnswer.accept(response);
                }));
    }
}
