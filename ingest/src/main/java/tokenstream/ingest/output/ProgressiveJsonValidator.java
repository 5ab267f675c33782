package tokenstream.ingest.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one JSON document while it streams in, piece by piece, with Jackson's non-blocking parser: the
 * first invalid byte is reported when the piece holding it arrives, not at the end. With a
 * {@link JsonSchemaSubset}, each value is checked as soon as it is complete (an object's required
 * properties when it closes, a forbidden property at its name), so a violation fails early too.
 *
 * <p>Not thread-safe: one instance per document, fed in order.
 */
public final class ProgressiveJsonValidator {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int EXCERPT_BEFORE = 24;
    private static final int EXCERPT_AFTER = 8;

    /** An open object or array, with the schema its members must meet (null: anything goes). */
    private static final class Frame {
        final boolean object;
        final JsonSchemaSubset schema;
        final String path;
        final Set<String> seen = new HashSet<>();
        String field;
        int index;

        Frame(boolean object, JsonSchemaSubset schema, String path) {
            this.object = object;
            this.schema = schema;
            this.path = path;
        }
    }

    /** The bytes so far, readable in place (no copy per lookup). */
    private static final class DocumentBytes extends ByteArrayOutputStream {
        byte at(int index) {
            return buf[index];
        }
    }

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final JsonSchemaSubset rootSchema;
    private final Deque<Frame> open = new ArrayDeque<>();
    // The document so far, for excerpts; its size is bounded by the response's maximum output size.
    private final DocumentBytes document = new DocumentBytes();
    private boolean rootComplete;
    private long currentOffset;
    private JsonViolation violation;

    public ProgressiveJsonValidator(JsonSchemaSubset schema) {
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson cannot create a non-blocking parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        this.rootSchema = schema;
    }

    /** Bytes of the document received so far. */
    public long size() {
        return document.size();
    }

    /** Checks the next piece of the document; the first violation found stays the answer from then on. */
    public Optional<JsonViolation> feed(String piece) {
        if (violation != null || piece.isEmpty()) {
            return Optional.ofNullable(violation);
        }
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        long base = document.size();
        document.writeBytes(bytes);
        // One byte at a time, so that the byte that raised a problem is known exactly: Jackson's own error
        // locations point at or just after it, depending on the error.
        for (int i = 0; i < bytes.length; i++) {
            try {
                feeder.feedInput(bytes, i, i + 1);
            } catch (IOException e) {
                return fail(base + i, "cannot feed the parser: " + e.getMessage());
            }
            Optional<JsonViolation> found = drain(base + i);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The document has ended: anything unfinished (an open object, a half number) is a violation. */
    public Optional<JsonViolation> finish() {
        if (violation != null) {
            return Optional.of(violation);
        }
        feeder.endOfInput();
        Optional<JsonViolation> found = drain(document.size());
        if (found.isPresent()) {
            return found;
        }
        if (!rootComplete) {
            return fail(document.size(), document.size() == 0 ? "the document is empty" : "the document ends before it is complete");
        }
        return Optional.empty();
    }

    /** Parses what has been fed; a problem found now is at {@code offset}, the last byte fed. */
    private Optional<JsonViolation> drain(long offset) {
        currentOffset = offset;
        try {
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                String problem = accept(token);
                if (problem != null) {
                    return fail(offset, problem);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return fail(offset, firstLine(e instanceof StreamReadException r ? r.getOriginalMessage() : e.getMessage()));
        }
    }

    /** @return what is wrong with the token, or null */
    private String accept(JsonToken token) throws IOException {
        if (rootComplete) {
            return "unexpected content after the end of the JSON document";
        }
        switch (token) {
            case FIELD_NAME: {
                Frame frame = open.peek();
                frame.field = parser.currentName();
                frame.seen.add(frame.field);
                if (frame.schema != null && !frame.schema.allows(frame.field)) {
                    return "property '" + frame.field + "' is not allowed at " + frame.path;
                }
                return null;
            }
            case START_OBJECT:
            case START_ARRAY: {
                boolean object = token == JsonToken.START_OBJECT;
                String path = nextPath();
                JsonSchemaSubset schema = nextSchema();
                String kind = object ? "object" : "array";
                if (schema != null && !schema.acceptsKind(kind)) {
                    return typeMismatch(path, schema, kind);
                }
                open.push(new Frame(object, schema, path));
                return null;
            }
            case END_OBJECT:
            case END_ARRAY: {
                if (token == JsonToken.END_OBJECT && commaBefore(currentOffset)) {
                    return "a comma before '}' (trailing comma)";
                }
                Frame closed = open.pop();
                String problem = closed.object && closed.schema != null ? missingRequired(closed) : null;
                valueDone();
                return problem;
            }
            default: {
                String path = nextPath();
                JsonSchemaSubset schema = nextSchema();
                String problem = schema == null ? null : scalarProblem(token, schema, path);
                valueDone();
                return problem;
            }
        }
    }

    private String scalarProblem(JsonToken token, JsonSchemaSubset schema, String path) throws IOException {
        String kind = kindOf(token);
        if (!schema.acceptsKind(kind)) {
            return typeMismatch(path, schema, kind);
        }
        if (!schema.enumValues.isEmpty() && schema.enumValues.stream().noneMatch(e -> sameScalar(e, token))) {
            return path + " must be one of " + schema.enumValues;
        }
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal number = parser.getDecimalValue();
            if (schema.minimum != null && number.compareTo(schema.minimum) < 0) {
                return path + " is " + number + ", below the minimum " + schema.minimum;
            }
            if (schema.maximum != null && number.compareTo(schema.maximum) > 0) {
                return path + " is " + number + ", above the maximum " + schema.maximum;
            }
        }
        if (token == JsonToken.VALUE_STRING) {
            int length = parser.getText().codePointCount(0, parser.getText().length());
            if (schema.minLength != null && length < schema.minLength) {
                return path + " has " + length + " characters, fewer than minLength " + schema.minLength;
            }
            if (schema.maxLength != null && length > schema.maxLength) {
                return path + " has " + length + " characters, more than maxLength " + schema.maxLength;
            }
        }
        return null;
    }

    private boolean sameScalar(JsonNode allowed, JsonToken token) {
        try {
            switch (token) {
                case VALUE_STRING: return allowed.isTextual() && allowed.asText().equals(parser.getText());
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return allowed.isNumber() && allowed.decimalValue().compareTo(parser.getDecimalValue()) == 0;
                case VALUE_TRUE: return allowed.isBoolean() && allowed.asBoolean();
                case VALUE_FALSE: return allowed.isBoolean() && !allowed.asBoolean();
                case VALUE_NULL: return allowed.isNull();
                default: return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the last non-whitespace byte before the one at {@code offset} is a comma. Jackson's
     * non-blocking parser (2.21) lets {@code {"a":1,}} through when the input arrives a byte at a time, so
     * ingest checks it itself; a comma right before a structural '}' can only be structural too.
     */
    private boolean commaBefore(long offset) {
        for (int i = (int) offset - 1; i >= 0; i--) {
            byte b = document.at(i);
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == ',';
            }
        }
        return false;
    }

    private static String missingRequired(Frame closed) {
        List<String> missing = closed.schema.required.stream().filter(r -> !closed.seen.contains(r)).toList();
        return missing.isEmpty() ? null : closed.path + " lacks required properties " + missing;
    }

    private String nextPath() {
        Frame parent = open.peek();
        if (parent == null) {
            return "$";
        }
        return parent.object ? parent.path + "." + parent.field : parent.path + "[" + parent.index + "]";
    }

    private JsonSchemaSubset nextSchema() {
        Frame parent = open.peek();
        if (parent == null) {
            return rootSchema;
        }
        if (parent.schema == null) {
            return null;
        }
        return parent.object ? parent.schema.propertySchema(parent.field) : parent.schema.items;
    }

    private void valueDone() {
        Frame parent = open.peek();
        if (parent == null) {
            rootComplete = true;
        } else if (!parent.object) {
            parent.index++;
        }
    }

    private static String kindOf(JsonToken token) {
        switch (token) {
            case VALUE_STRING: return "string";
            case VALUE_NUMBER_INT: return "integer";
            case VALUE_NUMBER_FLOAT: return "number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "boolean";
            case VALUE_NULL: return "null";
            default: return token.name();
        }
    }

    private static String typeMismatch(String path, JsonSchemaSubset schema, String kind) {
        return path + " is " + kind + ", expected " + schema.expectedTypes();
    }

    private Optional<JsonViolation> fail(long offset, String reason) {
        byte[] bytes = document.toByteArray();
        long at = Math.max(0, Math.min(offset, bytes.length));
        int from = (int) Math.max(0, at - EXCERPT_BEFORE);
        int to = (int) Math.min(bytes.length, at + EXCERPT_AFTER);
        violation = new JsonViolation(at, printable(new String(bytes, from, to - from, StandardCharsets.UTF_8)), reason);
        return Optional.of(violation);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
