package tokenstream.relay.demo;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.http.ApiError;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.security.ForwardedCredentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /v1/conversations/{id}/responses} on the relay, forwarded to ingest, so that a page served
 * by the relay starts generations on its own origin (no CORS opening needed on ingest).
 */
@ApplicationScoped
public class GenerationForwarder {
    private static final long MAX_BODY_BYTES = 256 * 1024;

    @Inject
    RelayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    ForwardedCredentials credentials;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    void register(@Observes Router router) {
        router.post("/v1/conversations/:conversationId/responses")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String conversationId = ctx.pathParam("conversationId");
        if (!ConversationIds.isValid(conversationId)) {
            new ApiError(400, "invalid_conversation_id", ConversationIds.RULE).send(ctx);
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        HttpRequest request = credentials.ontoStart(HttpRequest.newBuilder(URI.create(config.ingestUrl()
                        + "/v1/conversations/" + conversationId + "/responses")), ctx, conversationId)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", contentType == null ? "application/json" : contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes()))
                .build();
        var context = vertx.getOrCreateContext();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) ->
                context.runOnContext(v -> {
                    if (failure != null) {
                        new ApiError(502, "ingest_unavailable", "cannot reach ingest at " + config.ingestUrl()).send(ctx);
                        return;
                    }
                    ctx.response().setStatusCode(response.statusCode());
                    response.headers().firstValue("Content-Type").ifPresent(t -> ctx.response().putHeader("Content-Type", t));
                    response.headers().firstValue("Retry-After").ifPresent(t -> ctx.response().putHeader("Retry-After", t));
                    ctx.response().end(io.vertx.core.buffer.Buffer.buffer(response.body()));
                }));
    }
}
