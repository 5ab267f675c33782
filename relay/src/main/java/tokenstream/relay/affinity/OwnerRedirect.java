package tokenstream.relay.affinity;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.relay.http.RouteErrors;
import tokenstream.servicekit.web.ApiError;

/**
 * With partition affinity, a stream request for a conversation whose partition another instance owns is answered
 * with a 307 to that instance, same path and query. A redirect rather than a proxy: the client then holds one
 * connection to the instance that has its records, and that instance counts it against the client's own limits and
 * checks its own credentials. EventSource follows a 307 and sends {@code Last-Event-ID} again on the redirected
 * request; {@code lastEventId}, {@code from} and {@code access_token} are in the query, which goes along. Headers
 * such as {@code Authorization} survive a redirect only within one origin (browsers and curl drop it across
 * origins), hence peer bases that are paths on the load balancer's origin (deploy/nginx.conf).
 */
@ApplicationScoped
public class OwnerRedirect {
    private final PartitionOwnership ownership;

    public OwnerRedirect(PartitionOwnership ownership) {
        this.ownership = ownership;
    }

    /** Whether this instance tails the partition. */
    public boolean owns(int partition) {
        return ownership.owns(partition);
    }

    /**
     * Answers the request when this instance does not own the partition: a redirect to its owner, or a 503 with
     * Retry-After when no base is configured for the owner (never an empty stream from a partition not tailed here).
     *
     * @return whether the request was answered
     */
    public boolean sentToOwner(RoutingContext ctx, int partition) {
        if (ownership.owns(partition)) {
            return false;
        }
        var base = ownership.ownerBase(partition);
        if (base.isEmpty()) {
            ctx.response().putHeader("Retry-After", "1");
            RouteErrors.send(ctx, new ApiError(503, "partition_owner_unknown", "partition " + partition
                    + " is served by relay instance " + ownership.ownerOf(partition)
                    + ", whose address this instance does not know (tokenstream.relay.affinity.peers)"));
            return true;
        }
        ctx.response().setStatusCode(307)
                .putHeader("Location", base.get() + ctx.request().uri())
                .putHeader("Cache-Control", "no-store")
                .end();
        return true;
    }
}
