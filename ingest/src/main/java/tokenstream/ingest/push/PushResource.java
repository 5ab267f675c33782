package tokenstream.ingest.push;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tokenstream.ingest.web.PathIds;

import java.io.InputStream;

/**
 * {@code POST /v1/conversations/{conversationId}/responses/{responseId}/chunks}: a gateway that talks to
 * the model itself pushes the response's events as newline-delimited JSON, in as many pushes as it likes.
 */
@Path("/v1/conversations/{conversationId}/responses/{responseId}/chunks")
public class PushResource {
    public static final String NDJSON = "application/x-ndjson";

    private final PushProcessor processor;
    private final PushConfig config;

    public PushResource(PushProcessor processor, PushConfig config) {
        this.processor = processor;
        this.config = config;
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PushResult push(@PathParam("conversationId") String conversationId,
                           @PathParam("responseId") String responseId, InputStream body) {
        PathIds.conversationId(conversationId);
        PathIds.responseId(responseId);
        return processor.push(conversationId, responseId, NdjsonBody.lines(body, config.maxBodyBytes()));
    }
}
