package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tokenstream.ingest.web.PathIds;

import java.net.URI;

/** {@code POST /v1/conversations/{conversationId}/responses}: start a generation. */
@Path("/v1/conversations/{conversationId}/responses")
public class GenerationResource {
    private final GenerationService service;
    private final GenerationConfig config;

    public GenerationResource(GenerationService service, GenerationConfig config) {
        this.service = service;
        this.config = config;
    }

    /** The answer to a start: where the response is and where to stream it from. */
    public record StartedResponse(String conversationId, String responseId, String model, String position,
                                  String streamUrl) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("conversationId") String conversationId, JsonNode body) {
        PathIds.conversationId(conversationId);
        StartedGeneration started = service.start(conversationId,
                GenerationRequestParser.parse(body, config.defaultModel()));
        String position = started.position().encode();
        String streamUrl = stripTrailingSlash(config.relayUrl()) + "/v1/conversations/" + conversationId
                + "/stream?from=" + position;
        return Response.accepted(new StartedResponse(conversationId, started.responseId(), started.model(),
                position, streamUrl)).location(URI.create(streamUrl)).build();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
