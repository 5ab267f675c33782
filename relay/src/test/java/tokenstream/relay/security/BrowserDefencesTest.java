package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;

import java.net.URI;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.newConversation;

/**
 * What a hostile page or a careless client can do through a browser: tokens in POST URLs, cross-site form posts
 * riding on the cookie, framing or script injection into the demo page.
 */
@QuarkusTest
@TestProfile(SecuredRelayProfile.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class BrowserDefencesTest {
    private static final String CANCEL = "/v1/conversations/{cid}/responses/{rid}/cancel";

    private static String origin() {
        return "http://localhost:" + RestAssured.port;
    }

    @Test
    void aTokenInTheQueryStringOfACancelIs401SayingToUseTheHeader() {
        String cid = newConversation();

        var answer = given().queryParam("access_token", TestTokens.read(cid)).post(CANCEL, cid, "r1").then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
        assertTrue(answer.<String>path("error.message").contains("Authorization: Bearer"), answer.asString());
    }

    @Test
    void aTokenInTheQueryStringOfAStartIs401EvenWithAHeader() {
        String cid = newConversation();

        var answer = given().header("Authorization", "Bearer " + TestTokens.read(cid))
                .queryParam("access_token", TestTokens.read(cid)).contentType("application/json").body("{}")
                .post("/v1/conversations/{cid}/responses", cid).then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("query_token_not_allowed", answer.path("error.code"));
    }

    @Test
    void aTokenInTheQueryStringOfAStreamIsStillAccepted() {
        String cid = newConversation();
        try (SseClient client = SseClient.open(URI.create(origin() + "/v1/conversations/" + cid + "/stream?access_token="
                + TestTokens.read(cid)))) {
            assertEquals(200, client.status());
        }
    }

    @Test
    void aCrossSiteFormPostWithTheCookieIs403() {
        String cid = newConversation();

        var answer = given().cookie(Credentials.COOKIE, TestTokens.read(cid)).header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").body("reason=csrf")
                .post(CANCEL, cid, "r1").then().extract();

        assertEquals(403, answer.statusCode());
        assertEquals("csrf_rejected", answer.path("error.code"));
    }

    @Test
    void aCookiePostWithoutOriginOrJsonIs403() {
        String cid = newConversation();

        var answer = given().cookie(Credentials.COOKIE, TestTokens.read(cid)).contentType("text/plain").body("x")
                .post("/v1/conversations/{cid}/responses", cid).then().extract();

        assertEquals(403, answer.statusCode());
        assertEquals("csrf_rejected", answer.path("error.code"));
    }

    @Test
    void aSameOriginCookiePostPassesTheGuard() {
        // Ingest is unreachable in this profile: passing every check answers 502 ingest_unavailable.
        String cid = newConversation();

        var answer = given().cookie(Credentials.COOKIE, TestTokens.read(cid)).header("Origin", origin())
                .post(CANCEL, cid, "r1").then().extract();

        assertEquals(502, answer.statusCode(), answer.asString());
    }

    @Test
    void aJsonCookiePostPassesTheGuard() {
        String cid = newConversation();

        var answer = given().cookie(Credentials.COOKIE, TestTokens.read(cid)).contentType("application/json")
                .body("{}").post(CANCEL, cid, "r1").then().extract();

        assertEquals(502, answer.statusCode(), answer.asString());
    }

    @Test
    void theDemoPageAndTheClientModuleCarryTheBrowserSecurityHeaders() {
        for (String path : new String[]{"/", "/index.html", "/app.js", "/tokenstream-client.js"}) {
            var answer = given().get(path).then().statusCode(200).extract();
            String csp = answer.header("Content-Security-Policy");
            assertTrue(csp != null && csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("connect-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertEquals("no-referrer", answer.header("Referrer-Policy"), path);
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), path);
        }
    }

    @Test
    void theDemoPageHasNoInlineScriptOrStyle() {
        String page = given().get("/").then().statusCode(200).extract().asString();

        assertTrue(!page.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*") && !page.contains("<style")
                && !page.contains("style=") && !page.matches("(?s).*\\son[a-z]+=.*"), "inline code would need 'unsafe-inline'");
    }
}
