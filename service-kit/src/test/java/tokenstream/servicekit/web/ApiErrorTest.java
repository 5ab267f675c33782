package tokenstream.servicekit.web;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JSON error body and the headers of the answer, the same in every service. */
class ApiErrorTest {

    @Test
    void theBodyIsTheErrorObjectWithCodeThenMessage() {
        assertEquals("{\"error\":{\"code\":\"invalid_event_id\",\"message\":\"not an event id\"}}",
                new ApiError(400, "invalid_event_id", "not an event id").toJson());
    }

    @Test
    void detailsStandNextToCodeAndMessageWithoutReplacingThem() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", "other");
        details.put("limit", 10);
        details.put("last_seq", null);
        Map<?, ?> error = (Map<?, ?>) new ApiError(413, "prompt_too_large", "too long", details).body().get("error");
        assertEquals(Map.of("code", "prompt_too_large", "message", "too long", "limit", 10), error);
        assertEquals(List.of("code", "message", "limit"), List.copyOf(error.keySet()));
    }

    @Test
    void aRetryAfterDetailIsAlsoSentAsTheRetryAfterHeader() {
        ApiException e = new ApiException(503, "kafka_unavailable", "retry later",
                Map.of(ApiError.RETRY_AFTER_DETAIL, 3));
        assertEquals(Map.of("Retry-After", "3"), e.headers());
        assertEquals(3, ((Map<?, ?>) e.error().body().get("error")).get(ApiError.RETRY_AFTER_DETAIL));
    }

    @Test
    void headersGivenWithTheExceptionAreSentWithoutChangingTheBody() {
        ApiException e = new ApiException(new ApiError(401, "unauthorized", "no token"),
                Map.of("WWW-Authenticate", "Bearer"));
        assertEquals(Map.of("WWW-Authenticate", "Bearer"), e.headers());
        assertEquals("{\"error\":{\"code\":\"unauthorized\",\"message\":\"no token\"}}", e.error().toJson());
    }

    @Test
    void anErrorWithoutHeadersAnswersWithNone() {
        assertEquals(Map.of(), new ApiException(409, "response_ended", "already ended").headers());
    }
}
