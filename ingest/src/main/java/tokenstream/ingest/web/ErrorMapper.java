package tokenstream.ingest.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;

/**
 * The one place where failures become HTTP answers, so that every 4xx/5xx, including those raised by
 * Quarkus and Jackson themselves, carries the same JSON error body.
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);
    /** An error detail that is also sent as the {@code Retry-After} header (seconds). */
    public static final String RETRY_AFTER_DETAIL = "retry_after_seconds";

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return render(e.error());
    }

    @ServerExceptionMapper
    public Response invalidGeneration(InvalidGenerationRequestException e) {
        return render(ApiError.of(400, "invalid_option", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return render(ApiError.of(400, "invalid_json", "request body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST reports an unparseable JSON body as a 400 wrapping Jackson's exception.
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        return render(ApiError.of(status, codeFor(status), messageFor(e, status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        LOG.error("unexpected failure while handling a request", e);
        return render(ApiError.of(500, "internal_error", "internal error; see the ingest log"));
    }

    public static Response render(ApiError error) {
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.body());
        Object retryAfter = error.details().get(RETRY_AFTER_DETAIL);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter.toString());
        }
        return response.build();
    }

    private static String codeFor(int status) {
        switch (status) {
            case 400: return "bad_request";
            case 404: return "not_found";
            case 405: return "method_not_allowed";
            case 406: return "not_acceptable";
            case 413: return "body_too_large";
            case 429: return "too_many_requests";
            case 415: return "unsupported_media_type";
            case 503: return "unavailable";
            default: return status >= 500 ? "internal_error" : "http_" + status;
        }
    }

    private static String messageFor(WebApplicationException e, int status) {
        if (status == 415) {
            return "unsupported Content-Type; see the API documentation for the accepted media type";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? Response.Status.fromStatusCode(status).getReasonPhrase() : message;
    }
}
