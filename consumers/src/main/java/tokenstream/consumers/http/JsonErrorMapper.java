package tokenstream.consumers.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiExceptionMapper;

import java.util.Locale;

/**
 * The failures of Quarkus itself as {@code {"error":{"code":"...","message":"..."}}}; the service's own errors are
 * {@link tokenstream.servicekit.web.ApiException}s, which service-kit's {@link ApiExceptionMapper} renders.
 */
public class JsonErrorMapper {
    private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class);

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "http_" + status : known.name().toLowerCase(Locale.ROOT);
        return ApiExceptionMapper.response(new ApiError(status, code, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error while serving a request", e);
        return ApiExceptionMapper.response(new ApiError(500, "internal_error", "the server failed to answer; see its log"));
    }
}
