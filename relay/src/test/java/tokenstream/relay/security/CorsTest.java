package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Cross-origin browser access exists only for origins an operator lists. */
@QuarkusTest
@TestProfile(CorsTest.OneOrigin.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class CorsTest {
    public static class OneOrigin implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.enabled", "true", "quarkus.http.cors.origins", "https://app.example");
        }
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> preflight(String origin) {
        return given().header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .options("/v1/conversations/{cid}/stream", "c-1").then().extract();
    }

    @Test
    void aListedOriginMayCallTheApi() {
        assertEquals("https://app.example", preflight("https://app.example").header("Access-Control-Allow-Origin"));
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaders() {
        assertNull(preflight("https://evil.example").header("Access-Control-Allow-Origin"));
    }
}
