package tokenstream.servicekit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import tokenstream.protocol.ProtocolJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error as every tokenstream API reports it: {@code {"error":{"code":...,"message":...,...details}}}.
 *
 * @param status  the HTTP status
 * @param code    stable, snake_case, for programs
 * @param message for people
 * @param details extra fields placed next to code and message (for example the offending line)
 */
public record ApiError(int status, String code, String message, Map<String, Object> details) {
    /** A detail that is also sent as the {@code Retry-After} header (seconds). */
    public static final String RETRY_AFTER_DETAIL = "retry_after_seconds";

    public ApiError {
        details = details == null ? Map.of() : Map.copyOf(withoutNulls(details));
    }

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** The JSON body: details first so that they can never override code or message. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        details.forEach(error::putIfAbsent);
        return Map.of("error", error);
    }

    /** {@link #body()} as JSON text, for answers written without a JAX-RS entity writer. */
    public String toJson() {
        try {
            return ProtocolJson.mapper().writeValueAsString(body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> details) {
        Map<String, Object> copy = new LinkedHashMap<>();
        details.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
