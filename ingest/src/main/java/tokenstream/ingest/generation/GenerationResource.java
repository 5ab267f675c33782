package tokenstream.ingest.generation;

import tokenstream.servicekit.security.Scopes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tokenstream.ingest.demo.DemoStarts;
import tokenstream.ingest.security.ClientTokens;
import tokenstream.ingest.security.InputLimits;
import tokenstream.ingest.security.Principal;
import tokenstream.ingest.security.ProducerAuthentication;
import tokenstream.ingest.web.PathIds;

import java.net.URI;
import java.time.Instant;

/** {@code POST /v1/conversations/{conversationId}/responses}: start a generation. */
@Path("/v1/conversations/{conversationId}/responses")
public class GenerationResource {
    private final GenerationService service;
    private final GenerationConfig config;
    private final ProducerAuthentication producers;
    private final ClientTokens clientTokens;
    private final InputLimits limits;
    private final DemoStarts demo;

    public GenerationResource(GenerationService service, GenerationConfig config, ProducerAuthentication producers,
                              ClientTokens clientTokens, InputLimits limits, DemoStarts demo) {
        this.service = service;
        this.config = config;
        this.producers = producers;
        this.clientTokens = clientTokens;
        this.limits = limits;
        this.demo = demo;
    }

    /**
     * The answer to a start: where the response is and where to stream it from, and, when ingest issues client
     * tokens, the token that reads and cancels this conversation.
     */
    public record StartedResponse(String conversationId, String responseId, String model, String position,
                                  String streamUrl,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String accessToken,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Instant tokenExpiresAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response start(@PathParam("conversationId") String conversationId, @Context HttpHeaders headers,
                          JsonNode body) {
        PathIds.conversationId(conversationId);
        Principal producer = producers.requireAnyOf(headers, conversationId, Scopes.PRODUCE, Scopes.DEMO);
        limits.checkPrompt(body);
        // Only the demo grant (anonymous callers through the relay): the demo's terms, not the request's.
        // Either way start() claims the response id for this producer before response.started makes it public.
        StartedGeneration started = producer.allows(Scopes.PRODUCE, conversationId)
                ? service.start(conversationId, GenerationRequestParser.parse(body, config.defaultModel()), producer)
                : demo.start(body, request -> service.start(conversationId,
                        GenerationRequestParser.parse(request, config.defaultModel()), producer),
                        StartedGeneration::responseId);
        var token = clientTokens.issue(conversationId, producer);
        String position = started.position().encode();
        String streamUrl = stripTrailingSlash(config.relayUrl()) + "/v1/conversations/" + conversationId
                + "/stream?from=" + position;
        return Response.accepted(new StartedResponse(conversationId, started.responseId(), started.model(),
                position, streamUrl, token.map(ClientTokens.Issued::accessToken).orElse(null),
                token.map(ClientTokens.Issued::expiresAt).orElse(null))).location(URI.create(streamUrl)).build();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
