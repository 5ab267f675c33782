package tokenstream.ingest.output;

import org.junit.jupiter.api.Test;
import tokenstream.protocol.ProtocolJson;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure logic: the validator fed piece by piece, as deltas arrive. */
class ProgressiveJsonValidatorTest {

    private static JsonSchemaSubset schema(String json) throws Exception {
        return JsonSchemaSubset.parse(ProtocolJson.mapper().readTree(json), "schema");
    }

    /** Feeds the pieces; returns the index of the piece that produced the violation, or -1 (then finishes). */
    private static int firstFailingPiece(ProgressiveJsonValidator validator, List<String> pieces) {
        for (int i = 0; i < pieces.size(); i++) {
            if (validator.feed(pieces.get(i)).isPresent()) {
                return i;
            }
        }
        return validator.finish().isPresent() ? pieces.size() : -1;
    }

    @Test
    void aValidDocumentSplitAnywherePasses() {
        String json = "{\"city\":\"Zürich 🙂\",\"days\":[1,2.5,-3e2],\"ok\":true,\"none\":null}";
        for (int size = 1; size <= 7; size++) {
            var validator = new ProgressiveJsonValidator(null);
            for (int i = 0; i < json.length(); i += size) {
                int end = Math.min(json.length(), i + size);
                if (Character.isHighSurrogate(json.charAt(end - 1)) && end < json.length()) {
                    end++;
                }
                assertEquals(Optional.empty(), validator.feed(json.substring(i, end)));
                i = end - size;
            }
            assertEquals(Optional.empty(), validator.finish());
        }
    }

    @Test
    void theFirstInvalidByteFailsThePieceHoldingItWithItsOffsetAndAnExcerpt() {
        var validator = new ProgressiveJsonValidator(null);

        int failing = firstFailingPiece(validator, List.of("{\"a\":", "1,", "\"é\":", "\u0007}", "}"));

        assertEquals(3, failing);
        JsonViolation violation = validator.finish().orElseThrow();
        assertEquals("{\"a\":1,\"é\":".getBytes(java.nio.charset.StandardCharsets.UTF_8).length, violation.byteOffset());
        assertTrue(violation.excerpt().endsWith("\"é\":\\u0007}"), violation.excerpt());
    }

    @Test
    void aTrailingCommaInAnObjectIsInvalidWhereverThePiecesSplit() {
        for (List<String> pieces : List.of(List.of("{\"a\":1,}"), List.of("{\"a\":1,", "}"), List.of("{\"a\":1, ", " }"))) {
            var validator = new ProgressiveJsonValidator(null);

            assertEquals(pieces.size() - 1, firstFailingPiece(validator, pieces), pieces.toString());
        }
    }

    @Test
    void anUnfinishedDocumentFailsAtTheEnd() {
        var validator = new ProgressiveJsonValidator(null);

        assertEquals(Optional.empty(), validator.feed("{\"a\":[1,2"));

        JsonViolation violation = validator.finish().orElseThrow();
        assertEquals(9, violation.byteOffset());
    }

    @Test
    void contentAfterTheDocumentIsInvalid() {
        var validator = new ProgressiveJsonValidator(null);

        assertEquals(1, firstFailingPiece(validator, List.of("{\"a\":1}", " {")));
    }

    @Test
    void aSchemaViolationFailsWhenTheOffendingValueCompletesNotAtTheEnd() throws Exception {
        var validator = new ProgressiveJsonValidator(schema(
                "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\",\"maximum\":5},\"tail\":{\"type\":\"string\"}}}"));

        int failing = firstFailingPiece(validator, List.of("{\"count\":", "1", "2,", "\"tail\":\"x", "\"}"));

        assertEquals(2, failing);
        assertTrue(validator.finish().orElseThrow().reason().contains("$.count is 12, above the maximum 5"));
    }

    @Test
    void schemaChecksTypeEnumLengthItemsAndAdditionalProperties() throws Exception {
        String schema = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
                + "\"kind\":{\"enum\":[\"a\",\"b\"]},\"name\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":3},"
                + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},\"n\":{\"type\":\"number\",\"minimum\":0}}}";
        assertTrue(violationOf(schema, "{\"kind\":\"c\"}").contains("$.kind must be one of"));
        assertTrue(violationOf(schema, "{\"name\":\"abcd\"}").contains("more than maxLength 3"));
        assertTrue(violationOf(schema, "{\"name\":\"a\"}").contains("fewer than minLength 2"));
        assertTrue(violationOf(schema, "{\"tags\":[\"x\",1]}").contains("$.tags[1] is integer, expected string"));
        assertTrue(violationOf(schema, "{\"n\":-0.5}").contains("below the minimum 0"));
        assertTrue(violationOf(schema, "{\"other\":1}").contains("property 'other' is not allowed"));
        assertTrue(violationOf(schema, "[1]").contains("$ is array, expected object"));
        assertEquals("", violationOf(schema, "{\"kind\":\"b\",\"name\":\"abc\",\"tags\":[\"x\"],\"n\":3}"));
    }

    @Test
    void theFinishedDocumentMustHoldItsRequiredProperties() throws Exception {
        var validator = new ProgressiveJsonValidator(schema("{\"type\":\"object\",\"required\":[\"answer\",\"sources\"]}"));

        assertFalse(validator.feed("{\"answer\":\"yes\"").isPresent());
        JsonViolation violation = validator.feed("}").orElseThrow();

        assertTrue(violation.reason().contains("$ lacks required properties [sources]"), violation.reason());
    }

    private static String violationOf(String schema, String document) throws Exception {
        var validator = new ProgressiveJsonValidator(schema(schema));
        Optional<JsonViolation> violation = validator.feed(document);
        if (violation.isEmpty()) {
            violation = validator.finish();
        }
        return violation.map(JsonViolation::reason).orElse("");
    }
}
