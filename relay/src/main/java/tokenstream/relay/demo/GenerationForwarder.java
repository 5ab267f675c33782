package tokenstream.relay.demo;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.http.IngestForwarding;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.security.ForwardedCredentials;
import tokenstream.servicekit.web.ApiError;


/**
 * {@code POST /v1/conversations/{id}/responses} on the relay, forwarded to ingest, so that a page served
 * by the relay starts generations on its own origin (no CORS opening needed on ingest).
 */
@ApplicationScoped
public class GenerationForwarder {
    private static final long MAX_BODY_BYTES = 256 * 1024;

    private final IngestForwarding forwarding;
    private final ForwardedCredentials credentials;
    private final DemoStarts demoStarts;

    public GenerationForwarder(IngestForwarding forwarding, ForwardedCredentials credentials, DemoStarts demoStarts) {
        this.forwarding = forwarding;
        this.credentials = credentials;
        this.demoStarts = demoStarts;
    }

    void register(@Observes Router router) {
        router.post("/v1/conversations/:conversationId/responses")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        String conversationId = ctx.pathParam("conversationId");
        if (!ConversationIds.isValid(conversationId)) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_conversation_id", ConversationIds.RULE));
            return;
        }
        String path = "/v1/conversations/" + conversationId + "/responses";
        boolean demoStart = credentials.isAnonymousDemoStart(ctx, conversationId);
        if (demoStart && !demoStarts.admit(ctx)) {
            return;
        }
        String contentType = ctx.request().getHeader("Content-Type");
        forwarding.forward(credentials.ontoStart(demoStart ? forwarding.post(path, demoStarts.body(ctx))
                        : forwarding.post(path, ctx), ctx, conversationId)
                .header("Content-Type", contentType == null ? "application/json" : contentType).build(), ctx);
    }
}
