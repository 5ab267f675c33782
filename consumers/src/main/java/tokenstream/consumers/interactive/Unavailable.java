package tokenstream.consumers.interactive;

import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.util.Map;

/** The 503 of a read that cannot be answered right now (startup, rebalance, another instance away). */
public final class Unavailable {
    /** How long a client should wait before asking again: a rebalance or a restore takes seconds. */
    private static final Map<String, String> RETRY_AFTER = Map.of("Retry-After", "1");

    private Unavailable() {
    }

    /** 503 {@code <what>_unavailable} with {@code Retry-After}. */
    public static ApiException of(String what, String message) {
        return new ApiException(new ApiError(503, what + "_unavailable", message), RETRY_AFTER);
    }
}
