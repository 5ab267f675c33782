package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import tokenstream.protocol.ChatCompletionsHttp;
import tokenstream.protocol.EventId;
import tokenstream.protocol.IdRule;
import tokenstream.protocol.InvalidEventIdException;
import tokenstream.protocol.ProtocolJson;
import tokenstream.relay.control.CancelForwarder;
import tokenstream.relay.core.StreamStart;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.http.IngestForwarding;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.resume.StreamOpener;
import tokenstream.relay.security.AccessDenied;
import tokenstream.relay.security.AccessToken;
import tokenstream.relay.security.Authorizer;
import tokenstream.relay.security.ForwardedCredentials;
import tokenstream.relay.security.StreamLimits;
import tokenstream.relay.sse.StreamRoute;
import tokenstream.servicekit.security.Scopes;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * The OpenAI-compatible endpoint: {@code POST /v1/chat/completions} starts a generation through ingest as the
 * relay's own start does and answers with OpenAI's stream (or one {@code chat.completion}); the stream resumes at
 * {@code GET /v1/chat/completions/{responseId}/stream} with {@code Last-Event-ID}; {@code POST …/cancel} stops it.
 * The request needs {@code read} on the conversation here (to watch it) and {@code produce} at ingest (to start it).
 */
@ApplicationScoped
public class ChatCompletionsRoute {
    private static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final long MAX_CANCEL_BODY_BYTES = 4 * 1024;

    private final IngestForwarding forwarding;
    private final ForwardedCredentials credentials;
    private final Authorizer authorizer;
    private final StreamRoute streams;
    private final StreamOpener opener;
    private final StreamLimits limits;
    private final CancelForwarder cancels;
    private final Vertx vertx;

    public ChatCompletionsRoute(IngestForwarding forwarding, ForwardedCredentials credentials, Authorizer authorizer,
                                StreamRoute streams, StreamOpener opener, StreamLimits limits, CancelForwarder cancels,
                                Vertx vertx) {
        this.forwarding = forwarding;
        this.credentials = credentials;
        this.authorizer = authorizer;
        this.streams = streams;
        this.opener = opener;
        this.limits = limits;
        this.cancels = cancels;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.post("/v1/chat/completions").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::start);
        router.get("/v1/chat/completions/:responseId/stream").handler(this::resume);
        router.post("/v1/chat/completions/:responseId/cancel")
                .handler(BodyHandler.create(false).setBodyLimit(MAX_CANCEL_BODY_BYTES)).handler(this::cancel);
    }

    /**
     * A new conversation on a partition this instance tails: with partition affinity a redirect to the owner would
     * carry no conversation header, and the owner would make a new id of its own, maybe elsewhere again.
     */
    private String newConversationId() {
        while (true) {
            String id = "chat-" + UUID.randomUUID();
            if (streams.owns(id)) {
                return id;
            }
        }
    }

    private void start(RoutingContext ctx) {
        String given = ctx.request().getHeader(ChatCompletionsHttp.CONVERSATION_HEADER);
        String conversationId = given == null || given.isBlank() ? newConversationId() : given;
        try {
            requireConversation(conversationId);
            AccessToken token = authorizer.require(ctx, conversationId, Scopes.READ);
            ChatRequest request = ChatRequestTranslator.translate(body(ctx));
            if (!streams.admits(ctx) || streams.sentToOwner(ctx, conversationId)) {
                return;
            }
            byte[] startBody = ProtocolJson.mapper().writeValueAsBytes(request.startBody());
            var start = credentials.ontoStart(forwarding.post("/v1/conversations/" + conversationId + "/responses",
                    startBody), ctx, conversationId).header("Content-Type", "application/json").build();
            forwarding.exchange(start, ctx, answer -> started(ctx, conversationId, token, request, answer));
        } catch (ApiException e) {
            RouteErrors.send(ctx, e);
        } catch (IOException e) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_request", "the request cannot be passed on: " + e.getMessage()));
        }
    }

    private void started(RoutingContext ctx, String conversationId, AccessToken token, ChatRequest request,
                         HttpResponse<byte[]> answer) {
        if (answer.statusCode() != 202) {
            // Ingest's refusal (401, 403, 400, 429, 503 …) is the client's answer, as on the relay's own start.
            ctx.response().setStatusCode(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(t -> ctx.response().putHeader("Content-Type", t));
            answer.headers().firstValue("Retry-After").ifPresent(t -> ctx.response().putHeader("Retry-After", t));
            ctx.response().end(Buffer.buffer(answer.body()));
            return;
        }
        IngestStart start = IngestStart.read(answer.body());
        if (start == null) {
            RouteErrors.send(ctx, new ApiError(502, "ingest_unreadable",
                    "ingest accepted the start but its answer names no response id and position"));
            return;
        }
        ctx.response().putHeader(ChatCompletionsHttp.CONVERSATION_HEADER, conversationId);
        if (request.stream()) {
            ctx.response().putHeader(ChatCompletionsHttp.RESUME_URL_HEADER, ChatCompletionsHttp.resumePath(
                    conversationId, start.responseId(), start.position(), request.includeUsage()));
            streams.serve(ctx, conversationId, new StreamStart.At(start.position()), token,
                    new ChatCompletionFraming(start.responseId(), request.includeUsage(), null), null);
        } else {
            collect(ctx, conversationId, token, start);
        }
    }

    private void collect(RoutingContext ctx, String conversationId, AccessToken token, IngestStart start) {
        StreamLimits.Lease lease;
        try {
            lease = limits.acquire(ctx, token);
        } catch (AccessDenied e) {
            e.send(ctx);
            return;
        }
        CompletionCollector collector = new CompletionCollector(vertx, ctx, start.responseId(), c -> {
            lease.release();
            if (c.subscription() != null) {
                opener.close(c.subscription());
            }
        });
        try {
            collector.attach(opener.open(conversationId, new StreamStart.At(start.position()), collector));
        } catch (StreamOpener.Overloaded e) {
            lease.release();
            ctx.response().putHeader("Retry-After", "1");
            RouteErrors.send(ctx, new ApiError(503, "relay_overloaded", e.getMessage()));
        }
    }

    private void resume(RoutingContext ctx) {
        String responseId = ctx.pathParam("responseId");
        String conversationId = conversationOf(ctx);
        try {
            requireConversation(conversationId);
            requireResponse(responseId);
            AccessToken token = authorizer.require(ctx, conversationId, Scopes.READ);
            String startParameter = ctx.request().getParam(ChatCompletionsHttp.START_PARAMETER);
            if (startParameter == null || startParameter.isBlank()) {
                throw new ApiException(400, "invalid_request", "'" + ChatCompletionsHttp.START_PARAMETER
                        + "' (the response's start position, as in the resume URL) is required");
            }
            StreamStart start = opener.validate(conversationId, null, null, startParameter);
            if (!(start instanceof StreamStart.At)) {
                throw new ApiException(400, "invalid_event_id", "'" + ChatCompletionsHttp.START_PARAMETER + "' must be an event id");
            }
            StreamStart after = opener.validate(conversationId, ctx.request().getHeader("Last-Event-ID"),
                    ctx.request().getParam("lastEventId"), null);
            EventId delivered = after instanceof StreamStart.After a ? a.eventId() : null;
            if (!streams.admits(ctx) || streams.sentToOwner(ctx, conversationId)) {
                return;
            }
            boolean includeUsage = "true".equals(ctx.request().getParam(ChatCompletionsHttp.INCLUDE_USAGE_PARAMETER));
            ctx.response().putHeader(ChatCompletionsHttp.CONVERSATION_HEADER, conversationId)
                    .putHeader(ChatCompletionsHttp.RESUME_URL_HEADER, ChatCompletionsHttp.resumePath(conversationId,
                            responseId, ((StreamStart.At) start).eventId(), includeUsage));
            streams.serve(ctx, conversationId, start, token, new ChatCompletionFraming(responseId, includeUsage, delivered),
                    delivered);
        } catch (InvalidEventIdException e) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_event_id", e.getMessage()));
        } catch (ApiException e) {
            RouteErrors.send(ctx, e);
        }
    }

    private void cancel(RoutingContext ctx) {
        String conversationId = conversationOf(ctx);
        if (conversationId == null) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_conversation_id", "the conversation is required: header "
                    + ChatCompletionsHttp.CONVERSATION_HEADER + " or query parameter " + ChatCompletionsHttp.CONVERSATION_PARAMETER));
            return;
        }
        cancels.cancel(ctx, conversationId, ctx.pathParam("responseId"));
    }

    private static String conversationOf(RoutingContext ctx) {
        String header = ctx.request().getHeader(ChatCompletionsHttp.CONVERSATION_HEADER);
        return header != null && !header.isBlank() ? header : ctx.request().getParam(ChatCompletionsHttp.CONVERSATION_PARAMETER);
    }

    private static void requireConversation(String conversationId) {
        if (conversationId == null || !ConversationIds.isValid(conversationId)) {
            throw new ApiException(400, "invalid_conversation_id", ConversationIds.RULE);
        }
    }

    private static void requireResponse(String responseId) {
        if (!IdRule.RESPONSE.accepts(responseId)) {
            throw new ApiException(400, "invalid_response_id",
                    "response id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'");
        }
    }

    private static JsonNode body(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            throw new ApiException(400, "invalid_request", "a JSON body is required");
        }
        try {
            return ProtocolJson.mapper().readTree(body.getBytes());
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "the body is not valid JSON");
        }
    }
}
