package tokenstream.ingest.push;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.InvalidEventTypeException;
import tokenstream.protocol.MalformedEventException;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.time.Instant;

/**
 * Turns one pushed line into a {@link ChunkEvent}: the ids may be left out (the path supplies them) but
 * must agree with the path when given, and a missing timestamp means "now". The type must be one a producer may
 * write ({@link EventTypes}): it becomes the SSE {@code event:} line every viewer receives.
 */
final class PushLineParser {
    private static final ObjectReader READER = ProtocolJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String conversationId;
    private final String responseId;
    private final int maxLineBytes;

    PushLineParser(String conversationId, String responseId, int maxLineBytes) {
        this.conversationId = conversationId;
        this.responseId = responseId;
        this.maxLineBytes = maxLineBytes;
    }

    ChunkEvent parse(byte[] bytes, int line) throws RejectedLine {
        if (bytes.length > maxLineBytes) {
            throw new RejectedLine(400, "line_too_long", line,
                    "line is " + bytes.length + " bytes, the limit is " + maxLineBytes);
        }
        JsonNode node;
        try {
            node = READER.readTree(bytes);
        } catch (IOException e) {
            throw malformed(line, "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw malformed(line, "a line must be one JSON object");
        }
        ObjectNode event = (ObjectNode) node;
        checkSeq(event.get("seq"), line);
        JsonNode type = event.get("type");
        if (type != null && type.isTextual() && !type.asText().isEmpty()) {
            try {
                EventTypes.checkProducible(type.asText());
            } catch (InvalidEventTypeException e) {
                throw new RejectedLine(400, "invalid_event_type", line, e.getMessage());
            }
        }
        fillOrMatch(event, "conversation_id", conversationId, line);
        fillOrMatch(event, "response_id", responseId, line);
        JsonNode timestamp = event.get("timestamp");
        if (timestamp == null || timestamp.isNull()) {
            event.put("timestamp", Instant.now().toString());
        }
        try {
            return ChunkEventCodec.read(event);
        } catch (MalformedEventException e) {
            throw malformed(line, e.getMessage());
        }
    }

    /**
     * A seq is a response's event index: the audit and every reader keep it in an int, and no response may come
     * near 2^31 events, so anything larger is refused here rather than wrapped or overflowed downstream.
     */
    private static void checkSeq(JsonNode seq, int line) throws RejectedLine {
        if (seq != null && seq.isIntegralNumber() && !(seq.canConvertToInt() && seq.asInt() >= 0)) {
            throw malformed(line, "seq must be an integer from 0 to " + Integer.MAX_VALUE + ", got " + seq);
        }
    }

    private static void fillOrMatch(ObjectNode event, String field, String fromPath, int line) throws RejectedLine {
        JsonNode given = event.get(field);
        if (given == null || given.isNull()) {
            event.put(field, fromPath);
        } else if (!given.isTextual() || !given.asText().equals(fromPath)) {
            throw new RejectedLine(400, "id_mismatch", line,
                    field + " " + given + " does not match '" + fromPath + "' from the URL path");
        }
    }

    private static RejectedLine malformed(int line, String reason) {
        return new RejectedLine(400, "malformed_line", line, reason);
    }
}
