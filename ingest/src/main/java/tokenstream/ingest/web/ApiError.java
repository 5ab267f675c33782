package tokenstream.ingest.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP error as the API reports it: {@code {"error":{"code":...,"message":...,...details}}}.
 *
 * @param status  the HTTP status
 * @param code    stable, snake_case, for programs
 * @param message for people
 * @param details extra fields placed next to code and message (for example the offending line)
 */
public record ApiError(int status, String code, String message, Map<String, Object> details) {

    public ApiError {
        details = details == null ? Map.of() : Map.copyOf(withoutNulls(details));
    }

    public static ApiError of(int status, String code, String message) {
        return new ApiError(status, code, message, Map.of());
    }

    /** The JSON body: details first so that they can never override code or message. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        details.forEach(error::putIfAbsent);
        return Map.of("error", error);
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
