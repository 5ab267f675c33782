package tokenstream.servicekit.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every {@link ApiException} of a Quarkus REST service as its JSON error body. Each service maps the failures of
 * Quarkus and Jackson to an {@link ApiError} itself and renders it with {@link #response(ApiError)}.
 */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return response(e);
    }

    public static Response response(ApiError error) {
        return response(new ApiException(error));
    }

    public static Response response(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.error().status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(e.error().body());
        e.headers().forEach(response::header);
        return response.build();
    }
}
