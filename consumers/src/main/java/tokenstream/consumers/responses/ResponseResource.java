package tokenstream.consumers.responses;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.servicekit.web.ApiException;
import tokenstream.protocol.AssembledResponse;

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

    ResponseResource(AssembledResponses responses) {
        this.responses = responses;
    }

    @GET
    @Path("/{responseId}")
    @Produces(MediaType.APPLICATION_JSON)
    public String get(@PathParam("responseId") String responseId) {
        List<String> conversations = responses.conversationsOf(responseId);
        if (conversations.size() > 1) {
            throw new ApiException(409, "ambiguous_response_id", "response id '" + responseId + "' is used in "
                    + conversations.size() + " conversations " + conversations
                    + "; ask GET /v1/conversations/{conversationId}/responses/" + responseId);
        }
        return conversations.stream().findFirst()
                .flatMap(conversationId -> responses.find(conversationId, responseId))
                .map(ResponseResource::json)
                .orElseThrow(() -> new ApiException(404, "response_not_found",
                        "no event of response '" + responseId + "' has been seen yet"));
    }

    static String json(AssembledResponse response) {
        // The wire JSON (snake_case, as on the responses topic), not the HTTP layer's own Jackson settings.
        return new String(AssembledResponseJson.write(response), StandardCharsets.UTF_8);
    }
}
