package tokenstream.ingest.control;

import tokenstream.servicekit.security.Scopes;
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
import tokenstream.ingest.generation.CancelOutcome;
import tokenstream.ingest.generation.GenerationRegistry;
import tokenstream.ingest.security.ProducerAuthentication;
import tokenstream.ingest.security.StrictUtf8;
import tokenstream.ingest.web.PathIds;
import tokenstream.protocol.ControlMessage;
import tokenstream.protocol.FailureCodes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.servicekit.web.ApiException;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /v1/conversations/{conversationId}/responses/{responseId}/cancel}, body optional
 * {@code {"reason":"..."}}.
 *
 * <p>A response this instance runs is stopped at once (upstream closed) and the answer waits for its
 * {@code response.cancelled} to be on the topic: {@code 200 {"status":"cancelled","position":...}}.
 * A response this instance does not know may run on another one: the cancel goes out on the control topic
 * and the answer is {@code 202 {"status":"cancel_requested"}}. Cancelling twice answers
 * {@code 200 {"status":"already_cancelled"}}; after another end, {@code 409} {@code response_ended}.
 */
@Path("/v1/conversations/{conversationId}/responses/{responseId}/cancel")
public class CancelResource {
    private static final int MAX_REASON_CHARS = 200;
    private static final long PUBLISH_WAIT_SECONDS = 10;

    private final GenerationRegistry registry;
    private final ControlPublisher publisher;
    private final ProducerAuthentication producers;

    public CancelResource(GenerationRegistry registry, ControlPublisher publisher, ProducerAuthentication producers) {
        this.registry = registry;
        this.publisher = publisher;
        this.producers = producers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("conversationId") String conversationId, @PathParam("responseId") String responseId,
                           @Context HttpHeaders headers, byte[] body) {
        PathIds.conversationId(conversationId);
        PathIds.responseId(responseId);
        producers.require(headers, Scopes.CANCEL, conversationId);
        String reason = reason(StrictUtf8.decode(body));
        CancelOutcome outcome = registry.cancel(conversationId, responseId, reason);
        switch (outcome.status()) {
            case CANCELLED:
                return answer(200, "cancelled", conversationId, responseId,
                        outcome.position() == null ? null : outcome.position().encode());
            case ALREADY_CANCELLED:
                return answer(200, "already_cancelled", conversationId, responseId, null);
            case ENDED:
                throw new ApiException(409, "response_ended", "response " + responseId + " already ended with "
                        + outcome.endedAs(), Map.of("ended_with", outcome.endedAs()));
            default:
                requestElsewhere(conversationId, responseId, reason);
                return answer(202, "cancel_requested", conversationId, responseId, null);
        }
    }

    private void requestElsewhere(String conversationId, String responseId, String reason) {
        try {
            publisher.publish(new ControlMessage.Cancel(conversationId, responseId, reason, Instant.now()))
                    .get(PUBLISH_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "ingest is shutting down");
        } catch (Exception e) {
            throw new ApiException(503, "kafka_unavailable", "the cancel could not be sent on the control topic: " + e);
        }
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return FailureCodes.REASON_REQUESTED;
        }
        JsonNode json;
        try {
            json = ProtocolJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "cancel body must be empty or a JSON object like {\"reason\":\"...\"}");
        }
        JsonNode reason = json == null ? null : json.get("reason");
        if (json == null || !json.isObject() || (reason != null && !reason.isNull() && !reason.isTextual())) {
            throw new ApiException(400, "invalid_request", "cancel body must be a JSON object whose 'reason' is a string");
        }
        if (reason == null || reason.isNull() || reason.asText().isBlank()) {
            return FailureCodes.REASON_REQUESTED;
        }
        if (reason.asText().length() > MAX_REASON_CHARS) {
            throw new ApiException(400, "invalid_request", "'reason' must be at most " + MAX_REASON_CHARS + " characters");
        }
        return reason.asText();
    }

    private static Response answer(int status, String state, String conversationId, String responseId, String position) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", state);
        body.put("conversation_id", conversationId);
        body.put("response_id", responseId);
        if (position != null) {
            body.put("position", position);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
