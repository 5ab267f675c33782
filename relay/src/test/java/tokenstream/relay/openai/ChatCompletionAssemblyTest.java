package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.openai.Events.completed;
import static tokenstream.relay.openai.Events.failed;
import static tokenstream.relay.openai.Events.started;
import static tokenstream.relay.openai.Events.text;
import static tokenstream.relay.openai.Events.tool;

class ChatCompletionAssemblyTest {

    @Test
    void theCompletionHoldsTheTextToolCallsFinishReasonAndUsage() {
        ChatCompletionAssembly assembly = new ChatCompletionAssembly();
        assembly.accept(started(0));
        assembly.accept(text(1, "Hel"));
        assembly.accept(text(2, "lo"));
        assembly.accept(tool(3, "call_a"));
        assertNull(assembly.answer(), "no answer before the end");
        assembly.accept(completed(4, null));

        assertEquals(200, assembly.answer().status());
        JsonNode completion = assembly.answer().body();
        assertEquals("chat.completion", completion.get("object").asText());
        assertEquals("r1", completion.get("id").asText());
        assertEquals("Hello", completion.at("/choices/0/message/content").asText());
        assertEquals("call_a", completion.at("/choices/0/message/tool_calls/0/id").asText());
        assertEquals("tool_calls", completion.at("/choices/0/finish_reason").asText());
        assertEquals(3, completion.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void aFailedResponseIsA502WithTheStableCode() {
        ChatCompletionAssembly assembly = new ChatCompletionAssembly();
        assembly.accept(started(0));
        assembly.accept(failed(1));

        assertEquals(502, assembly.answer().status());
        assertEquals("upstream_error", assembly.answer().body().at("/error/code").asText());
        assertTrue(assembly.answer().body().at("/error/message").isTextual());
    }
}
