package tokenstream.browsertests;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's partial-JSON parser, run in the browser on the module the relay serves. */
@ExtendWith(Chromium.class)
class PartialJsonParserTest {
    private static final String DOCUMENT = "{\"title\":\"Sé \\\"q\\\"\",\"summary\":\"a\\nb \\u00e9\",\"word_count\":12,"
            + "\"tags\":[\"kafka\",\"stream\"],\"final\":true,\"ratio\":-1.5e3,\"none\":null}";

    private JsonNode parse(Page page, String text) {
        page.navigate(Stack.get().relayUrl() + "/tokenstream-client.js");
        Object result = page.evaluate("async text => { const m = await import('/tokenstream-client.js');"
                + " const r = m.parsePartialJson(text); return JSON.stringify({ ...r, value: r.value === undefined ? '<none>' : r.value }); }", text);
        return Stack.json(result.toString());
    }

    private JsonNode everyPrefix(Page page) {
        page.navigate(Stack.get().relayUrl() + "/tokenstream-client.js");
        Object result = page.evaluate("async doc => { const m = await import('/tokenstream-client.js'); const out = [];"
                + " for (let i = 0; i <= doc.length; i++) out.push(m.parsePartialJson(doc.slice(0, i)));"
                + " return JSON.stringify({ prefixes: out, parsed: JSON.parse(doc) }); }", DOCUMENT);
        return Stack.json(result.toString());
    }

    @Test
    void everyPrefixOfADocumentParsesWithoutErrorAndTheWholeOneIsTheDocument(Page page) {
        JsonNode run = everyPrefix(page);
        JsonNode prefixes = run.path("prefixes");
        for (int i = 0; i < prefixes.size(); i++) {
            assertTrue(prefixes.get(i).path("error").isNull(), "prefix " + i + ": " + prefixes.get(i));
        }
        JsonNode whole = prefixes.get(prefixes.size() - 1);
        assertTrue(whole.path("complete").asBoolean());
        assertEquals(run.path("parsed"), whole.path("value"), "the same value as JSON.parse");
        assertEquals("[\"title\",\"summary\",\"word_count\",\"tags\",\"final\",\"ratio\",\"none\"]", whole.path("completeFields").toString());
    }

    @Test
    void openStringsArraysAndObjectsAreClosedAndTheFieldBeingStreamedIsPending(Page page) {
        JsonNode r = parse(page, "{\"title\":\"Hello\",\"tags\":[\"kafka\",\"str");
        assertEquals(Stack.json("{\"title\":\"Hello\",\"tags\":[\"kafka\",\"str\"]}"), r.path("value"));
        assertEquals("[\"title\"]", r.path("completeFields").toString());
        assertEquals("tags", r.path("pendingField").asText());
        assertTrue(!r.path("complete").asBoolean());
    }

    @Test
    void aKeyWithoutItsValueAndAnUnfinishedNumberAreNotCountedComplete(Page page) {
        assertEquals(Stack.json("{\"a\":1}"), parse(page, "{\"a\":1,\"b").path("value"));
        JsonNode number = parse(page, "{\"a\":12");
        assertEquals(12, number.path("value").path("a").asInt());
        assertEquals("[]", number.path("completeFields").toString());
    }

    @Test
    void textThatCannotStartAnyJsonDocumentIsReportedWithItsPosition(Page page) {
        JsonNode r = parse(page, "{\"a\":1 x");
        assertTrue(r.path("error").path("message").asText().contains("expected"), r.toString());
        assertEquals(7, r.path("error").path("position").asInt());
        assertTrue(parse(page, "{\"a\":\"\u0007").path("error").isObject(), "a raw control character is invalid JSON");
    }
}
