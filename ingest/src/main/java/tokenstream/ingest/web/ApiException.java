package tokenstream.ingest.web;

import java.util.Map;

/** Thrown anywhere in a request to answer with {@link ApiError}; {@link ErrorMapper} renders it. */
public class ApiException extends RuntimeException {
    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public ApiException(int status, String code, String message) {
        this(ApiError.of(status, code, message));
    }

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        this(new ApiError(status, code, message, details));
    }

    public ApiError error() {
        return error;
    }
}
