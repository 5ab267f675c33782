package tokenstream.ingest.push;

import tokenstream.servicekit.security.Scopes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import tokenstream.ingest.kafka.KafkaAvailability;
import tokenstream.ingest.security.Principal;
import tokenstream.ingest.security.ProducerAuthentication;
import tokenstream.ingest.security.ResponseOwners;
import tokenstream.ingest.web.PathIds;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/conversations/{conversationId}/responses/{responseId}/chunks}: a gateway that talks to
 * the model itself pushes the response's events as newline-delimited JSON, in as many pushes as it likes.
 */
@Path("/v1/conversations/{conversationId}/responses/{responseId}/chunks")
public class PushResource {
    public static final String NDJSON = "application/x-ndjson";

    private final PushProcessor processor;
    private final PushConfig config;
    private final ProducerAuthentication producers;
    private final ResponseOwners owners;
    private final KafkaAvailability kafka;

    public PushResource(PushProcessor processor, PushConfig config, ProducerAuthentication producers, ResponseOwners owners,
                        KafkaAvailability kafka) {
        this.processor = processor;
        this.config = config;
        this.producers = producers;
        this.owners = owners;
        this.kafka = kafka;
    }

    @POST
    @Consumes(NDJSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PushResult push(@PathParam("conversationId") String conversationId,
                           @PathParam("responseId") String responseId, @Context HttpHeaders headers,
                           InputStream body) {
        PathIds.conversationId(conversationId);
        PathIds.responseId(responseId);
        Principal producer = producers.require(headers, Scopes.PRODUCE, conversationId);
        Optional<Instant> claimedAt = owners.claimedAt(conversationId, responseId, producer);
        boolean claimed = claimedAt.isPresent();
        List<byte[]> lines = NdjsonBody.lines(body, config.maxBodyBytes());
        if (!claimed && OpeningLine.opensResponse(lines, conversationId, responseId, config.maxLineBytes())) {
            // A claim is a write to Kafka too: while Kafka is known unreachable, 503 at once instead of the claim timeout.
            kafka.requireAvailable();
            claimedAt = owners.claim(conversationId, responseId, producer);
        }
        return processor.push(conversationId, responseId, lines, claimedAt);
    }
}
