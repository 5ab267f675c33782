package tokenstream.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of the chunks-topic record that carries one {@link ChunkEvent}: the key is the conversation id (so
 * every event of a conversation lands on one partition, in order), the value its JSON ({@link ChunkEventCodec}),
 * the headers the type, response id and seq ({@link EventHeaders#of}), in that order. Every writer of the topic
 * builds its record from these parts, so that no two writers can drift apart; this type holds no Kafka classes, so
 * each writer adds only its client's record type around it.
 *
 * @param key     the record key, the conversation id (written as UTF-8 by a {@code StringSerializer})
 * @param value   the record value, the event's JSON
 * @param headers header name to value, iterating in the order they are written; values are written as UTF-8
 */
public record ChunkRecordParts(String key, byte[] value, Map<String, String> headers) {

    /** The parts of the record carrying {@code event}. */
    public static ChunkRecordParts of(ChunkEvent event) {
        return of(event, null);
    }

    /**
     * The parts of the record carrying {@code event} in the trace {@code trace} (its headers end with
     * {@link EventHeaders#TRACEPARENT}); with a null {@code trace}, the same as {@link #of(ChunkEvent)}.
     */
    public static ChunkRecordParts of(ChunkEvent event, TraceContext trace) {
        return new ChunkRecordParts(event.conversationId(), ChunkEventCodec.write(event),
                Collections.unmodifiableMap(EventHeaders.of(event, trace)));
    }

    /**
     * The event the record carries. The value is the source of truth; key and headers only repeat it.
     *
     * @throws MalformedEventException if the value is not a valid event
     */
    public ChunkEvent event() {
        return ChunkEventCodec.read(value);
    }

    /** The headers as a Kafka client holds them: values in UTF-8, in the order they are written. */
    public Map<String, byte[]> encodedHeaders() {
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        headers.forEach((name, text) -> encoded.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return encoded;
    }

    /** A header value read back from a Kafka client's UTF-8 bytes. */
    public static String headerText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
