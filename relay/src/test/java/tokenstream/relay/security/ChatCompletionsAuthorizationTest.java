package tokenstream.relay.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ChatCompletionsHttp;
import tokenstream.relay.RelayTestSupport;
import tokenstream.relay.openai.ChatStream;
import tokenstream.relay.openai.ScriptedIngest;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** With security on, the OpenAI-compatible endpoint needs read on the conversation and passes the token to ingest. */
@QuarkusTest
@TestProfile(ChatCompletionsAuthorizationTest.SecuredWithScriptedIngest.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ChatCompletionsAuthorizationTest {
    private static final String STREAMED = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    public static class SecuredWithScriptedIngest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.security.enabled", "true", "tokenstream.security.jwt-secret", TestTokens.SECRET);
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ScriptedIngest.class));
        }
    }

    @Test
    void withoutATokenTheStartIs401AndNeverReachesIngest() {
        ScriptedIngest.RECEIVED.clear();

        var answer = given().contentType(ContentType.JSON).header(ChatCompletionsHttp.CONVERSATION_HEADER, "conv-a")
                .body(STREAMED).post("/v1/chat/completions").then().extract();

        assertEquals(401, answer.statusCode());
        assertEquals("unauthorized", answer.path("error.code"));
        assertEquals(0, ScriptedIngest.RECEIVED.size());
    }

    @Test
    void aTokenForAnotherConversationIs403() {
        var answer = given().contentType(ContentType.JSON).header(ChatCompletionsHttp.CONVERSATION_HEADER, "conv-a")
                .auth().oauth2(TestTokens.token("app", "read produce", List.of("conv-b"), Duration.ofMinutes(5)))
                .body(STREAMED).post("/v1/chat/completions").then().extract();

        assertEquals(403, answer.statusCode());
    }

    @Test
    void theClientsTokenGoesToIngestAndTheStreamFollows() throws Exception {
        ScriptedIngest.RECEIVED.clear();
        String conversation = RelayTestSupport.newConversation();
        String token = TestTokens.token("app", "read produce", List.of(conversation), Duration.ofMinutes(5));

        ChatStream stream = ChatStream.post(STREAMED, Map.of(ChatCompletionsHttp.CONVERSATION_HEADER, conversation,
                "Authorization", "Bearer " + token), 1000);

        assertEquals(200, stream.status());
        assertEquals("[DONE]", stream.events().get(stream.events().size() - 1).data());
        assertEquals("Bearer " + token, ScriptedIngest.RECEIVED.poll(5, TimeUnit.SECONDS).authorization());
    }
}
