package tokenstream.consumers.cluster;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import tokenstream.consumers.interactive.Unavailable;

import java.net.URI;
import java.net.http.HttpResponse;

/**
 * A read of one conversation ({@code /v1/conversations/{conversationId}/…}) is answered by the instance that owns
 * the conversation's partition: here, or forwarded there with the answer passed back as it is. Runs after the
 * access check, so nothing unauthorised travels between instances.
 */
public class ConversationRouting {
    private final PartitionOwners owners;
    private final PeerReads peers;

    ConversationRouting(PartitionOwners owners, PeerReads peers) {
        this.owners = owners;
        this.peers = peers;
    }

    @ServerRequestFilter(priority = Priorities.USER + 10)
    public Response route(ContainerRequestContext request) {
        String conversationId = request.getUriInfo().getPathParameters().getFirst("conversationId");
        if (conversationId == null || !request.getUriInfo().getPath().startsWith("/v1/conversations/")
                || PeerReads.local(request.getHeaderString(PeerReads.SCOPE_HEADER))) {
            return null;
        }
        String what = request.getUriInfo().getPath().endsWith("/transcript") ? "transcripts" : "responses";
        Owner owner = owners.ownerOf(conversationId);
        if (owner instanceof Owner.Nobody nobody) {
            throw Unavailable.of(what, "the " + what + " of conversation '" + conversationId
                    + "' cannot be read right now (" + nobody.reason() + "); retry shortly");
        }
        if (owner instanceof Owner.Elsewhere elsewhere) {
            URI uri = request.getUriInfo().getRequestUri();
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            HttpResponse<String> answer = peers.answer(elsewhere.host(), pathAndQuery,
                    request.getHeaderString(HttpHeaders.AUTHORIZATION), what);
            Response.ResponseBuilder passed = Response.status(answer.statusCode()).entity(answer.body());
            answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(type -> passed.header(HttpHeaders.CONTENT_TYPE, type));
            answer.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(after -> passed.header(HttpHeaders.RETRY_AFTER, after));
            return passed.build();
        }
        return null;
    }
}
