package tokenstream.consumers.responses;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tokenstream.servicekit.web.ApiException;

/**
 * {@code GET /v1/conversations/{conversationId}/responses/{responseId}}: a response of a conversation as the audit
 * consumer has rebuilt it so far. Readable with a token for that conversation.
 */
@Path("/v1/conversations")
public class ConversationResponseResource {
    private final AssembledResponses responses;

    ConversationResponseResource(AssembledResponses responses) {
        this.responses = responses;
    }

    @GET
    @Path("/{conversationId}/responses/{responseId}")
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("conversationId") String conversationId,
                      @PathParam("responseId") String responseId) {
        return responses.find(conversationId, responseId)
                .map(ResponseResource::json)
                .orElseThrow(() -> new ApiException(404, "response_not_found", "no event of response '" + responseId
                        + "' of conversation '" + conversationId + "' has been seen yet"));
    }
}
