package tokenstream.ingest.demo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.ingest.upstream.openai.FakeOpenAiResource;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With a real (paid) model upstream the demo is off unless tokenstream.demo.allow-real-upstream says otherwise. */
@QuarkusTest
@TestProfile(DemoOnRealUpstreamTest.OpenAiWithSecurity.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class DemoOnRealUpstreamTest {

    /** The OpenAI upstream (a fake server) with security on. */
    public static class OpenAiWithSecurity implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return new DemoProfile().getConfigOverrides();
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeOpenAiResource.class));
        }
    }

    @Test
    void aDemoStartIsRefusedWhenTheUpstreamIsNotTheSimulator() {
        String cid = "demo-" + UUID.randomUUID();

        var answer = given().header("Authorization", "Bearer " + DemoTokens.demo(cid)).contentType(ContentType.JSON)
                .body("{\"prompt\":\"hi\"}").post("/v1/conversations/{cid}/responses", cid).then().extract();

        assertEquals(403, answer.statusCode(), answer.asString());
        assertEquals("demo_unavailable", answer.path("error.code"));
    }
}
