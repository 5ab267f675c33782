package tokenstream.relay.sse;

import tokenstream.servicekit.security.Scopes;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventId;
import tokenstream.protocol.InvalidEventIdException;
import tokenstream.relay.affinity.OwnerRedirect;
import tokenstream.relay.config.RelayConfig;
import tokenstream.relay.http.ConversationIds;
import tokenstream.relay.http.RouteErrors;
import tokenstream.relay.metrics.RelayMetrics;
import tokenstream.relay.core.StreamStart;
import tokenstream.relay.resume.StreamOpener;
import tokenstream.relay.security.AccessDenied;
import tokenstream.relay.security.AccessToken;
import tokenstream.relay.security.Authorizer;
import tokenstream.relay.security.StreamLimits;
import tokenstream.relay.tail.ChunkTail;
import tokenstream.relay.tail.ConversationPartitioner;
import tokenstream.relay.tracing.FirstDeliveries;
import tokenstream.servicekit.web.ApiError;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code GET /v1/conversations/{conversationId}/stream}: a conversation's events as resumable SSE. */
@ApplicationScoped
public class StreamRoute {
    private static final Logger LOG = Logger.getLogger(StreamRoute.class);

    private final RelayConfig config;
    private final WriteCoalescing coalescing;
    private final ChunkTail tail;
    private final StreamOpener opener;
    private final Vertx vertx;
    private final RelayMetrics metrics;
    private final Authorizer authorizer;
    private final StreamLimits limits;
    private final OwnerRedirect owners;
    private final FirstDeliveries firstDeliveries;
    private final Set<SseConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean shuttingDown;

    public StreamRoute(RelayConfig config, ChunkTail tail, StreamOpener opener, Vertx vertx, RelayMetrics metrics,
                       Authorizer authorizer, StreamLimits limits, OwnerRedirect owners, FirstDeliveries firstDeliveries) {
        this.config = config;
        this.firstDeliveries = firstDeliveries;
        this.coalescing = WriteCoalescing.of(config.writeCoalescingWindow());
        this.tail = tail;
        this.opener = opener;
        this.vertx = vertx;
        this.metrics = metrics;
        this.authorizer = authorizer;
        this.limits = limits;
        this.owners = owners;
    }

    void register(@Observes Router router) {
        router.get("/v1/conversations/:conversationId/stream").handler(this::handle);
    }

    /** Connected SSE clients on this instance. */
    public int connectionCount() {
        return connections.size();
    }

    private void handle(RoutingContext ctx) {
        String conversationId = ctx.pathParam("conversationId");
        if (!ConversationIds.isValid(conversationId)) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_conversation_id", ConversationIds.RULE));
            return;
        }
        AccessToken token;
        try {
            token = authorizer.require(ctx, conversationId, Scopes.READ);
        } catch (AccessDenied e) {
            e.send(ctx);
            return;
        }
        if (!admits(ctx)) {
            return;
        }
        if (sentToOwner(ctx, conversationId)) {
            return;
        }
        StreamStart start;
        try {
            start = opener.validate(conversationId, ctx.request().getHeader("Last-Event-ID"),
                    ctx.request().getParam("lastEventId"), ctx.request().getParam("from"));
        } catch (InvalidEventIdException e) {
            RouteErrors.send(ctx, new ApiError(400, "invalid_event_id", e.getMessage()));
            return;
        }
        serve(ctx, conversationId, start, token, EventFraming.RELAY,
                start instanceof StreamStart.After after ? after.eventId() : null);
    }

    /**
     * Whether another relay instance tails the conversation's partition (partition affinity); the request has then
     * been redirected to it (307: same method and body) or answered 503. A route that starts something before it
     * streams asks first, so the generation starts where it can be watched.
     */
    public boolean sentToOwner(RoutingContext ctx, String conversationId) {
        return owners.sentToOwner(ctx, partitionOf(conversationId));
    }

    /** Whether this instance tails the conversation's partition (always, without partition affinity). */
    public boolean owns(String conversationId) {
        return owners.owns(partitionOf(conversationId));
    }

    private int partitionOf(String conversationId) {
        return ConversationPartitioner.partitionOf(conversationId, tail.feed().partitionCount());
    }

    /**
     * Whether this instance can serve a stream now; if not, the request has been answered 503. A route that starts
     * something before it streams asks first, so nothing is started that cannot be watched.
     */
    public boolean admits(RoutingContext ctx) {
        if (shuttingDown) {
            ctx.response().putHeader("Retry-After", "1");
            RouteErrors.send(ctx, new ApiError(503, "relay_stopping",
                    "this relay instance is shutting down; retry on another"));
            return false;
        }
        if (!tail.isReady()) {
            ctx.response().putHeader("Retry-After", "1");
            RouteErrors.send(ctx, new ApiError(503, "relay_starting",
                    "the relay is still reading the chunks topic; retry shortly"));
            return false;
        }
        return true;
    }

    /**
     * Streams the conversation from {@code start} in {@code framing}'s format, with the stream limits, the token's
     * expiry and the shutdown of this instance applied as on the relay's own stream; any headers the caller put on
     * the response go out with the stream's.
     *
     * @param resumedFrom the position the client already has, named when the stream ends before its first event
     */
    public void serve(RoutingContext ctx, String conversationId, StreamStart start, AccessToken token,
                      EventFraming framing, EventId resumedFrom) {
        StreamLimits.Lease lease;
        try {
            lease = limits.acquire(ctx, token);
        } catch (AccessDenied e) {
            e.send(ctx);
            return;
        }
        SseConnection connection = new SseConnection(vertx, ctx.response(), config.heartbeat().toMillis(), coalescing,
                metrics, framing, c -> {
                    lease.release();
                    closed(c);
                }, firstDeliveries.forStream(conversationId));
        try {
            var subscription = opener.open(conversationId, start, connection);
            connection.attach(subscription);
        } catch (StreamOpener.Overloaded e) {
            lease.release();
            ctx.response().putHeader("Retry-After", "1");
            RouteErrors.send(ctx, new ApiError(503, "relay_overloaded", e.getMessage()));
            return;
        }
        connections.add(connection);
        connection.begin(config.retryMillis(), resumedFrom, ctx.request().connection());
        lease.closeAtExpiry(token, connection::tokenExpired);
        connection.wakeUp();
    }

    private void closed(SseConnection connection) {
        connections.remove(connection);
        if (connection.subscription() != null) {
            opener.close(connection.subscription());
        }
    }

    // The shutdown delay starts before Quarkus waits for in-flight requests, so this is the moment to ask
    // every client to reconnect (elsewhere) instead of holding the instance open until the timeout.
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        shuttingDown = true;
        tellClientsToReconnect();
    }

    // Clients that arrived during the delay.
    void onStop(@Observes ShutdownEvent event) {
        shuttingDown = true;
        tellClientsToReconnect();
    }

    private void tellClientsToReconnect() {
        if (connections.isEmpty()) {
            return;
        }
        List<SseConnection> open = List.copyOf(connections);
        LOG.infof("telling %d SSE clients to reconnect", open.size());
        // Waits until every stream has been told, not a fixed moment: on a busy machine the event loops ran the
        // notices after Quarkus had closed the server, and clients of a stopping instance heard nothing.
        CountDownLatch done = new CountDownLatch(open.size());
        open.forEach(connection -> connection.shutdown(done::countDown));
        try {
            done.await(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
