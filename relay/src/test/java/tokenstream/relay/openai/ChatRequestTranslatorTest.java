package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.ProtocolJson;
import tokenstream.servicekit.web.ApiException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatRequestTranslatorTest {

    private static JsonNode json(String text) throws Exception {
        return ProtocolJson.mapper().readTree(text.replace('\'', '"'));
    }

    private static ApiException refused(String request) {
        return assertThrows(ApiException.class, () -> ChatRequestTranslator.translate(json(request)));
    }

    @Test
    void aStreamingRequestBecomesIngestsStartBodyWithItsOptions() throws Exception {
        ChatRequest request = ChatRequestTranslator.translate(json("{'model':'m1','stream':true,"
                + "'stream_options':{'include_usage':true},'max_completion_tokens':20,"
                + "'messages':[{'role':'system','content':'be brief'},{'role':'user','content':'hi'}],"
                + "'response_format':{'type':'json_object'},'tools':[{'type':'function','function':{'name':'f'}}],"
                + "'tool_choice':'auto','metadata':{'k':'v'}}"));

        assertTrue(request.stream());
        assertTrue(request.includeUsage());
        assertEquals(json("{'model':'m1','messages':[{'role':'system','content':'be brief'},{'role':'user','content':'hi'}],"
                + "'options':{'max_tokens':20,'response_format':{'type':'json_object'},"
                + "'tools':[{'type':'function','function':{'name':'f'}}],'tool_choice':'auto'},'metadata':{'k':'v'}}"),
                request.startBody());
    }

    @Test
    void withoutStreamTheAnswerIsOneCompletion() throws Exception {
        ChatRequest request = ChatRequestTranslator.translate(json("{'messages':[{'role':'user','content':'hi'}],'max_tokens':5}"));

        assertFalse(request.stream());
        assertEquals(5, request.startBody().get("options").get("max_tokens").asInt());
    }

    @Test
    void textPartsAreJoinedIntoOneText() throws Exception {
        ChatRequest request = ChatRequestTranslator.translate(json("{'messages':[{'role':'user','content':"
                + "[{'type':'text','text':'a'},{'type':'text','text':'b'}]}]}"));

        assertEquals("ab", request.startBody().get("messages").get(0).get("content").asText());
    }

    @Test
    void aFieldIngestCannotHonourIsRefusedNotIgnored() {
        ApiException e = refused("{'messages':[{'role':'user','content':'hi'}],'logprobs':true}");

        assertEquals(400, e.error().status());
        assertEquals("unsupported_parameter", e.error().code());
        assertTrue(e.error().message().contains("logprobs"));
    }

    @Test
    void moreThanOneChoiceIsRefused() {
        assertEquals("unsupported_parameter", refused("{'messages':[{'role':'user','content':'hi'}],'n':2}").error().code());
    }

    @Test
    void aToolResultMessageIsRefused() {
        ApiException e = refused("{'messages':[{'role':'tool','tool_call_id':'c1','content':'42'}]}");

        assertEquals("unsupported_parameter", e.error().code());
        assertTrue(e.error().message().contains("messages[0].tool_call_id"));
    }

    @Test
    void anImagePartIsRefused() {
        assertEquals("unsupported_parameter", refused("{'messages':[{'role':'user','content':"
                + "[{'type':'image_url','image_url':{'url':'x'}}]}]}").error().code());
    }

    @Test
    void differingTokenLimitsAreRefused() {
        assertEquals("invalid_request", refused("{'messages':[{'role':'user','content':'hi'}],'max_tokens':5,"
                + "'max_completion_tokens':6}").error().code());
    }

    @Test
    void streamOptionsWithoutStreamAreRefused() {
        assertEquals("invalid_request", refused("{'messages':[{'role':'user','content':'hi'}],"
                + "'stream_options':{'include_usage':true}}").error().code());
    }

    @Test
    void missingMessagesAreRefused() {
        assertEquals("invalid_request", refused("{'model':'m'}").error().code());
    }
}
