package tokenstream.relay.control;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.http.ApiError;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.security.AccessDenied;
import tokenstream.relay.security.Authorizer;
import tokenstream.relay.security.ForwardedCredentials;
import tokenstream.relay.security.Scopes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /v1/conversations/{cid}/responses/{rid}/cancel} on the relay, forwarded to ingest as it is,
 * so that a page streaming from the relay can stop its answer on the same origin. Ingest's answer
 * (status and JSON body) comes back unchanged; ingest finds the instance running the response itself,
 * through the control topic.
 */
@ApplicationScoped
public class CancelForwarder {
    private static final long MAX_BODY_BYTES = 4 * 1024;

    @Inject
    RelayConfig config;
    @Inject
    Vertx vertx;
    @Inject
    Authorizer authorizer;
    @Inject
    ForwardedCredentials credentials;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    void register(@Observes Router router) {
        router.post("/v1/conversations/:conversationId/responses/:responseId/cancel")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String conversationId = ctx.pathParam("conversationId");
        String responseId = ctx.pathParam("responseId");
        if (!ConversationIds.isValid(conversationId)) {
            new ApiError(400, "invalid_conversation_id", ConversationIds.RULE).send(ctx);
            return;
        }
        if (!ConversationIds.isValid(responseId)) {
            new ApiError(400, "invalid_response_id",
                    "response id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'").send(ctx);
            return;
        }
        try {
            authorizer.require(ctx, conversationId, Scopes.CANCEL);
        } catch (AccessDenied e) {
            e.send(ctx);
            return;
        }
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        HttpRequest request = credentials.onto(HttpRequest.newBuilder(URI.create(config.ingestUrl() + "/v1/conversations/"
                        + conversationId + "/responses/" + responseId + "/cancel")), ctx)
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
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
                    ctx.response().end(Buffer.buffer(response.body()));
                }));
    }
}
