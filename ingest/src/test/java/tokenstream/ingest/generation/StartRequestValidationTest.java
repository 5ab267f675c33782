package tokenstream.ingest.generation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class StartRequestValidationTest {

    private static io.restassured.response.ValidatableResponse post(String conversationId, String body) {
        return given().contentType(ContentType.JSON).body(body)
                .post("/v1/conversations/{cid}/responses", conversationId).then();
    }

    @Test
    void bodyThatIsNotJsonIs400InvalidJson() {
        post("conv-bad-json", "{\"prompt\": oops")
                .statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("invalid_json"))
                .body("error.message", not(emptyOrNullString()));
    }

    @Test
    void bodyThatIsNotAnObjectIs400() {
        post("conv-array", "[1,2]")
                .statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("invalid_request"));
    }

    @Test
    void missingPromptAndMessagesIs400() {
        post("conv-no-prompt", "{\"model\":\"simulator\"}")
                .statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", containsString("prompt"));
    }

    @Test
    void emptyMessagesIs400() {
        post("conv-empty-messages", "{\"messages\":[]}")
                .statusCode(400).body("error.code", equalTo("invalid_request"));
    }

    @Test
    void aStartThatCannotFinishWithinTheMaximumGenerationDurationIs400InvalidOption() {
        // 4096 tokens at 0.001 per second: 47 days, against the default maximum of 10 minutes.
        post("conv-runaway", "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":4096,\"tokens_per_second\":0.001}}")
                .statusCode(400).body("error.code", equalTo("invalid_option"))
                .body("error.message", containsString("maximum generation duration of 600 s"));
    }

    @Test
    void mistypedOptionIs400() {
        post("conv-bad-option", "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":\"many\"}}")
                .statusCode(400).body("error.code", equalTo("invalid_request"))
                .body("error.message", containsString("max_tokens"));
    }

    @Test
    void topLevelAndOptionsMaxTokensThatDifferAre400NamingBoth() {
        post("conv-two-max", "{\"prompt\":\"hi\",\"max_tokens\":10,\"options\":{\"max_tokens\":20}}")
                .statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("invalid_request"))
                .body("error.message", equalTo("'max_tokens' (10) and 'options.max_tokens' (20) differ; give it once, "
                        + "in either place"));
    }

    @Test
    void theSameMaxTokensAtTheTopLevelAndInOptionsIsAccepted() {
        post("conv-same-max", "{\"prompt\":\"hi\",\"max_tokens\":2,\"options\":{\"max_tokens\":2,\"tokens_per_second\":500}}")
                .statusCode(202);
    }

    @Test
    void aMistypedTopLevelMaxTokensIs400() {
        post("conv-bad-top-max", "{\"prompt\":\"hi\",\"max_tokens\":\"many\"}")
                .statusCode(400).body("error.code", equalTo("invalid_request"))
                .body("error.message", equalTo("'max_tokens' must be an integer"));
    }

    @Test
    void aTopLevelMaxTokensAboveTheLimitIs400InvalidOptionNotIgnored() {
        post("conv-top-too-many", "{\"prompt\":\"hi\",\"max_tokens\":100000}")
                .statusCode(400).body("error.code", equalTo("invalid_option"))
                .body("error.message", containsString("4096"));
    }

    @Test
    void maxTokensAboveTheLimitIs400InvalidOption() {
        post("conv-too-many", "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":100000}}")
                .statusCode(400).body("error.code", equalTo("invalid_option"))
                .body("error.message", containsString("4096"));
    }

    @Test
    void badConversationIdIs400() {
        post("bad id!", "{\"prompt\":\"hi\"}")
                .statusCode(400).contentType(ContentType.JSON)
                .body("error.code", equalTo("invalid_conversation_id"));
    }

    @Test
    void conversationIdLongerThan128Is400() {
        post("c".repeat(129), "{\"prompt\":\"hi\"}")
                .statusCode(400).body("error.code", equalTo("invalid_conversation_id"));
    }

    @Test
    void nonJsonContentTypeIs415Json() {
        given().contentType(ContentType.TEXT).body("hi").post("/v1/conversations/c1/responses").then()
                .statusCode(415).contentType(ContentType.JSON)
                .body("error.code", equalTo("unsupported_media_type"));
    }

    @Test
    void unknownPathIs404Json() {
        given().get("/v1/nothing-here").then()
                .statusCode(404).contentType(ContentType.JSON)
                .body("error.code", equalTo("not_found"));
    }
}
