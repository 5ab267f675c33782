package tokenstream.ingest.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiExceptionMapper;

/**
 * Failures raised by Quarkus, Jackson and the upstreams as HTTP answers with the API's JSON error body; ingest's own
 * errors are {@link tokenstream.servicekit.web.ApiException}s, which service-kit's {@link ApiExceptionMapper} renders.
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response invalidGeneration(InvalidGenerationRequestException e) {
        return render(new ApiError(400, "invalid_option", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return render(new ApiError(400, "invalid_json", "request body is not valid JSON: " + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        // Quarkus REST reports an unparseable JSON body as a 400 wrapping Jackson's exception.
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        return render(new ApiError(status, codeFor(status), messageFor(e, status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        LOG.error("unexpected failure while handling a request", e);
        return render(new ApiError(500, "internal_error", "internal error; see the ingest log"));
    }

    private static Response render(ApiError error) {
        return ApiExceptionMapper.response(error);
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
