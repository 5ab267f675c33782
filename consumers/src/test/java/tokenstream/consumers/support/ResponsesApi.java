package tokenstream.consumers.support;

import io.restassured.response.Response;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;

/** {@code GET /v1/responses/{id}} as a client polling for an audit record would use it. */
public final class ResponsesApi {

    private ResponsesApi() {
    }

    /** Asks until the response has ended (any status but {@code in_progress}); fails after {@code timeout}. */
    public static Response awaitEnded(String responseId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Response last = null;
        while (Instant.now().isBefore(deadline)) {
            last = given().get("/v1/responses/{id}", responseId);
            if (last.statusCode() == 200 && !"in_progress".equals(last.jsonPath().getString("status"))) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("response " + responseId + " did not end within " + timeout + "; last answer: "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }
}
