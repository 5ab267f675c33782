package tokenstream.relay.control;

import tokenstream.servicekit.security.Scopes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.http.IngestForwarding;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.security.AccessDenied;
import tokenstream.relay.security.Authorizer;
import tokenstream.relay.security.ForwardedCredentials;
import tokenstream.servicekit.web.ApiError;


/**
 * {@code POST /v1/conversations/{cid}/responses/{rid}/cancel} on the relay, forwarded to ingest as it is,
 * so that a page streaming from the relay can stop its answer on the same origin. Ingest's answer
 * (status and JSON body) comes back unchanged; ingest finds the instance running the response itself,
 * through the control topic.
 */
@ApplicationScoped
public class CancelForwarder {
    private static final long MAX_BODY_BYTES = 4 * 1024;

    private final IngestForwarding forwarding;
    private final Authorizer authorizer;
    private final ForwardedCredentials credentials;

    public CancelForwarder(IngestForwarding forwarding, Authorizer authorizer, ForwardedCredentials credentials) {
        this.forwarding = forwarding;
        this.authorizer = authorizer;
        this.credentials = credentials;
    }

    void register(@Observes Router router) {
        router.post("/v1/conversations/:conversationId/responses/:responseId/cancel")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::forward);
    }

    private void forward(RoutingContext ctx) {
        cancel(ctx, ctx.pathParam("conversationId"), ctx.pathParam("responseId"));
    }

    /**
     * Checks the ids and the caller's {@code cancel} grant, then forwards the route's request (its body, the reason)
     * to ingest's cancel of that response and answers with ingest's answer.
     */
    public void cancel(RoutingContext ctx, String conversationId, String responseId) {
        if (!ConversationIds.isValid(conversationId)) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_conversation_id", ConversationIds.RULE));
            return;
        }
        if (!ConversationIds.isValid(responseId)) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_response_id",
                    "response id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'"));
            return;
        }
        try {
            authorizer.require(ctx, conversationId, Scopes.CANCEL);
        } catch (AccessDenied e) {
            e.send(ctx);
            return;
        }
        forwarding.forward(credentials.onto(forwarding.post("/v1/conversations/" + conversationId + "/responses/"
                + responseId + "/cancel", ctx), ctx).header("Content-Type", "application/json").build(), ctx);
    }
}
