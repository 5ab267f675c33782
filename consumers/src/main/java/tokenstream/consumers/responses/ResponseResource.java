package tokenstream.consumers.responses;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tokenstream.consumers.assembly.AssembledResponseJson;
import tokenstream.consumers.http.ApiException;

import java.nio.charset.StandardCharsets;

/** {@code GET /v1/responses/{responseId}}: a response as the audit consumer has rebuilt it so far. */
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
        // The wire JSON (snake_case, as on the responses topic), not the HTTP layer's own Jackson settings.
        return responses.find(responseId)
                .map(response -> new String(AssembledResponseJson.write(response), StandardCharsets.UTF_8))
                .orElseThrow(() -> new ApiException(404, "response_not_found",
                        "no event of response '" + responseId + "' has been seen yet"));
    }
}
