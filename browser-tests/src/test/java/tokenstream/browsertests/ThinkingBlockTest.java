package tokenstream.browsertests;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(Chromium.class)
class ThinkingBlockTest {

    @Test
    void thinkingShowsAsACollapsedBlockApartFromTheAnswerText(Page page) throws Exception {
        // The simulator does not reason, so a gateway pushes a response with thinking (as the Anthropic upstream writes it).
        String conversation = "demo-thinking-" + UUID.randomUUID().toString().substring(0, 8);
        String response = "resp_" + UUID.randomUUID().toString().replace("-", "");
        push(conversation, response, String.join("\n",
                "{\"type\":\"response.started\",\"seq\":0,\"model\":\"claude\"}",
                "{\"type\":\"thinking.delta\",\"seq\":1,\"text\":\"Streaming means \"}",
                "{\"type\":\"thinking.delta\",\"seq\":2,\"text\":\"token by token.\"}",
                "{\"type\":\"text.delta\",\"seq\":3,\"text\":\"Tokens arrive one by one.\"}",
                "{\"type\":\"response.completed\",\"seq\":4,\"finish_reason\":\"stop\"}"));
        DemoPage demo = DemoPage.open(page, Stack.get().relayUrl(), "grace=30s");
        // The page follows the exchanges it stored before a reload: hand it this one.
        page.evaluate("([cid, rid]) => sessionStorage.setItem('tokenstream-demo:page', JSON.stringify({conversationId: cid,"
                + " exchanges: [{prompt: 'How does streaming work?', json: false,"
                + " started: {conversation_id: cid, response_id: rid, position: 'start'}}]}))",
                java.util.List.of(conversation, response));
        page.reload();

        demo.waitForEnd("completed");
        Locator thinking = demo.answer().locator("[data-testid=thinking]");
        assertThat(thinking).isVisible();
        assertEquals("details", thinking.evaluate("e => e.tagName.toLowerCase()"));
        assertThat(thinking).not().hasAttribute("open", "");
        assertThat(demo.answerText()).hasText("Tokens arrive one by one.");
        thinking.locator("summary").click();
        assertThat(thinking.locator("[data-testid=thinking-text]")).isVisible();
        assertThat(thinking.locator("[data-testid=thinking-text]")).hasText("Streaming means token by token.");
    }

    private static void push(String conversation, String response, String ndjson) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Stack.get().ingestUrl()
                        + "/v1/conversations/" + conversation + "/responses/" + response + "/chunks"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }
}
