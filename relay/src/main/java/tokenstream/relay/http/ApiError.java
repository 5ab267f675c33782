package tokenstream.relay.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.ext.web.RoutingContext;
import tokenstream.protocol.ProtocolJson;

import java.util.LinkedHashMap;
import java.util.Map;

/** The relay's one error shape: {@code {"error":{"code":...,"message":...}}} with a 4xx/5xx status. */
public record ApiError(int status, String code, String message) {

    public String toJson() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        try {
            return ProtocolJson.mapper().writeValueAsString(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the request with this error. */
    public void send(RoutingContext context) {
        if (context.response().headWritten()) {
            context.response().end();
            return;
        }
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(toJson());
    }
}
