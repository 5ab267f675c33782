package tokenstream.consumers.responses;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.consumers.cluster.Owner;
import tokenstream.consumers.cluster.PartitionOwners;
import tokenstream.consumers.cluster.PeerReads;
import tokenstream.servicekit.web.ApiException;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ProtocolJson;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /v1/responses/{responseId}}: a response as the audit consumer has rebuilt it so far, found by its id
 * alone. A response id names one response only within its conversation; this answers when exactly one conversation
 * has used it, and {@code GET /v1/conversations/{conversationId}/responses/{responseId}} always does.
 */
@Path("/v1/responses")
public class ResponseResource {
    private final AssembledResponses responses;
    private final ResponseConversations index;
    private final PartitionOwners owners;
    private final PeerReads peers;

    ResponseResource(AssembledResponses responses, ResponseConversations index, PartitionOwners owners,
                     PeerReads peers) {
        this.responses = responses;
        this.index = index;
        this.owners = owners;
        this.peers = peers;
    }

    @GET
    @Path("/{responseId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("responseId") String responseId,
                        @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        List<String> conversations = index.of(responseId, false, authorization).conversations();
        if (conversations.size() > 1) {
            throw new ApiException(409, "ambiguous_response_id", "response id '" + responseId + "' is used in "
                    + conversations.size() + " conversations " + conversations
                    + "; ask GET /v1/conversations/{conversationId}/responses/" + responseId);
        }
        if (conversations.isEmpty()) {
            throw notFound(responseId);
        }
        String conversationId = conversations.get(0);
        if (owners.ownerOf(conversationId) instanceof Owner.Elsewhere elsewhere) {
            HttpResponse<String> answer = peers.answer(elsewhere.host(), "/v1/conversations/" + encode(conversationId)
                    + "/responses/" + encode(responseId), authorization, "responses");
            return Response.status(answer.statusCode()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(answer.body()).build();
        }
        return Response.ok(responses.find(conversationId, responseId).map(ResponseResource::json)
                .orElseThrow(() -> notFound(responseId))).build();
    }

    /**
     * {@code GET /v1/responses/{responseId}/conversations}: the conversations that have used the response id, over
     * every instance ({@code X-Tokenstream-Scope: local}: this instance's partitions only).
     */
    @GET
    @Path("/{responseId}/conversations")
    @Produces(MediaType.APPLICATION_JSON)
    public String conversations(@PathParam("responseId") String responseId,
                                @HeaderParam(PeerReads.SCOPE_HEADER) String scope,
                                @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws JsonProcessingException {
        return ProtocolJson.mapper().writeValueAsString(index.of(responseId, PeerReads.local(scope), authorization));
    }

    static String json(AssembledResponse response) {
        // The wire JSON (snake_case, as on the responses topic), not the HTTP layer's own Jackson settings.
        return new String(AssembledResponseJson.write(response), StandardCharsets.UTF_8);
    }

    private static ApiException notFound(String responseId) {
        return new ApiException(404, "response_not_found", "no event of response '" + responseId
                + "' has been seen yet");
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
