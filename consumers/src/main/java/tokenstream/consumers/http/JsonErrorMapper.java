package tokenstream.consumers.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tokenstream.protocol.ProtocolJson;

import java.util.Locale;

/** Every error of this service as {@code {"error":{"code":"...","message":"..."}}}. */
public class JsonErrorMapper {
    private static final Logger LOG = Logger.getLogger(JsonErrorMapper.class);
    /** How long a client should wait before asking again while the stores are not queryable. */
    private static final String RETRY_AFTER_SECONDS = "1";

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        Response.ResponseBuilder response = body(e.status(), e.code(), e.getMessage());
        if (e.status() == Response.Status.SERVICE_UNAVAILABLE.getStatusCode()) {
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response webError(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String code = known == null ? "http_" + status : known.name().toLowerCase(Locale.ROOT);
        return body(status, code, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error while serving a request", e);
        return body(500, "internal_error", "the server failed to answer; see its log").build();
    }

    private static Response.ResponseBuilder body(int status, String code, String message) {
        ObjectNode root = ProtocolJson.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(root.toString());
    }
}
