package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the page showed, checked against the audit consumer's rebuild of the same response. */
final class Answers {
    private Answers() {
    }

    /**
     * The page's final text is byte for byte the audited text, and the client saw every event of the response
     * exactly once (no seq twice, none missing).
     */
    static JsonNode assertPageShowsTheAuditedText(DemoPage demo, String responseId) {
        demo.waitForEnd("completed");
        JsonNode audited = Stack.auditedEnd(responseId);
        assertEquals("completed", audited.path("status").asText(), () -> "audited: " + audited);
        assertEquals(audited.path("text").asText(), demo.answerText().textContent(), "page text vs audited text");
        assertEquals("0", demo.answer().getAttribute("data-duplicates"), "events seen twice by the page");
        assertEquals("0", demo.answer().getAttribute("data-gaps"), "events the page never saw");
        return audited;
    }
}
