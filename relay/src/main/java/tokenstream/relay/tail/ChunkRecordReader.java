package tokenstream.relay.tail;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventType;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.protocol.sse.SseFrames;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns a Kafka record into a {@link ChunkRecord} using the {@code event-type} header, so the hot path
 * never parses the JSON value. A record without the header (a hand-written one) is parsed once; one
 * that is not JSON at all is skipped with a log line.
 *
 * <p>The type becomes the SSE {@code event:} line of every viewer, and anything that can write to the topic can
 * put anything in it. So a type outside the vocabulary a producer may write ({@link EventTypes#isProducible}: a
 * line break, the relay's {@code stream.} prefix, an unknown name) is never framed: the record is delivered once,
 * in its place, as {@link EventTypes#REPLACED} with the record's value as data (data lines cannot break framing).
 */
public final class ChunkRecordReader {
    private static final Logger LOG = Logger.getLogger(ChunkRecordReader.class);

    private ChunkRecordReader() {
    }

    public static Optional<ChunkRecord> read(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            LOG.warnf("skipping chunks record %d/%d without key or value", record.partition(), record.offset());
            return Optional.empty();
        }
        // One pass over the headers (each lookup by name would decode every header key again). A header's value is
        // copied out of the record when first asked for, so only the three used here are.
        String type = null;
        String responseId = null;
        byte[] traceparent = null;
        for (Header header : record.headers()) {
            switch (header.key()) {
                case EventHeaders.EVENT_TYPE -> type = textOr(header.value(), type);
                case EventHeaders.RESPONSE_ID -> responseId = textOr(header.value(), responseId);
                case EventHeaders.TRACEPARENT -> traceparent = header.value() != null ? header.value() : traceparent;
                default -> {
                }
            }
        }
        if (type == null || responseId == null) {
            JsonNode parsed = parse(record.value());
            type = type != null ? type : field(parsed, "type");
            responseId = responseId != null ? responseId : field(parsed, "response_id");
        }
        if (type == null) {
            LOG.warnf("skipping chunks record %d/%d: value is not a tokenstream event", record.partition(), record.offset());
            return Optional.empty();
        }
        var known = EventType.fromWireName(type);
        // A known type needs no further look; only the rest is matched against the extension pattern.
        if (known.isEmpty() && !EventTypes.isProducible(type)) {
            LOG.warnf("chunks record %d/%d has event type %s, outside the vocabulary: delivered as %s",
                    record.partition(), record.offset(), EventTypes.quote(type), EventTypes.REPLACED);
            type = EventTypes.REPLACED;
        }
        boolean terminal = known.map(EventType::isTerminal).orElse(false);
        boolean started = known.filter(t -> t == EventType.RESPONSE_STARTED).isPresent();
        byte[] fields = SseFrames.eventFields(new EventId(record.partition(), record.offset()), type);
        // What the window keeps of a record on the heap: its own object, its frame's buffer, and otherwise strings
        // it shares with the conversation's other records.
        SharedIds ids = SharedIds.ofThisThread();
        String sharedType = known.map(EventType::wireName).orElse(type);
        return Optional.of(new ChunkRecord(record.partition(), record.offset(), ids.shared(record.key()),
                ids.shared(responseId), sharedType, terminal, started, record.timestamp(),
                FrameMemory.ofThisThread().event(fields, record.value()), traceparent));
    }

    private static String textOr(byte[] value, String otherwise) {
        return value != null ? new String(value, StandardCharsets.UTF_8) : otherwise;
    }

    private static String field(JsonNode parsed, String field) {
        JsonNode value = parsed == null ? null : parsed.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static JsonNode parse(byte[] value) {
        try {
            JsonNode node = ProtocolJson.mapper().readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (Exception e) {
            return null;
        }
    }
}
