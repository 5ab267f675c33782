package tokenstream.consumers.support;

import io.restassured.response.Response;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** {@code GET /v1/responses/{id}} as a client polling for an audit record would use it. */
public final class ResponsesApi {

    private ResponsesApi() {
    }

    /** Asks until the response has ended (any status but {@code in_progress}); fails after {@code timeout}. */
    public static Response awaitEnded(String responseId, Duration timeout) {
        return awaitEndedAt("/v1/responses/" + responseId, timeout);
    }

    /** Asks {@code path} (a response's address) until the response has ended; fails after {@code timeout}. */
    public static Response awaitEndedAt(String path, Duration timeout) {
        return await(path + " ended").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get(path),
                        answer -> answer.statusCode() == 200 && !"in_progress".equals(answer.jsonPath().getString("status")));
    }
}
