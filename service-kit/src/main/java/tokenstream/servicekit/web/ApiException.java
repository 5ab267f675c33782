package tokenstream.servicekit.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Thrown anywhere in a request to answer with an {@link ApiError} and, optionally, headers of its own; rendered by
 * {@link ApiExceptionMapper} (JAX-RS) or the relay's route helper. An expected answer rather than a fault, so it
 * carries no stack trace.
 */
public class ApiException extends RuntimeException {
    private final ApiError error;
    private final Map<String, String> headers;

    public ApiException(ApiError error, Map<String, String> headers) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public ApiException(ApiError error) {
        this(error, Map.of());
    }

    public ApiException(int status, String code, String message) {
        this(new ApiError(status, code, message));
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        this(new ApiError(status, code, message, details));
    }

    public ApiError error() {
        return error;
    }

    /**
     * The answer's headers, in the order they are sent: those given, then {@code Retry-After} when the error has a
     * {@link ApiError#RETRY_AFTER_DETAIL} detail.
     */
    public Map<String, String> headers() {
        Map<String, String> all = new LinkedHashMap<>(headers);
        Object retryAfter = error.details().get(ApiError.RETRY_AFTER_DETAIL);
        if (retryAfter != null) {
            all.put("Retry-After", retryAfter.toString());
        }
        return all;
    }
}
