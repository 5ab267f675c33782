package tokenstream.consumers.assembly;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import tokenstream.protocol.EventHeaders;

import java.nio.charset.StandardCharsets;

/** Builds the dead-letter copy of a rejected record: same key, value and headers, plus why and where from. */
final class DeadLetters {

    static final int MAX_TEXT = 1000;

    private DeadLetters() {
    }

    /** {@code topic/partition/offset} of the record being processed, or {@code unknown} (punctuation). */
    static String source(RecordMetadata metadata) {
        return metadata == null ? "unknown"
                : metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset();
    }

    /** At most {@value #MAX_TEXT} characters of {@code text} (a reason, a key), so a header stays small. */
    static String shorten(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "… (" + text.length() + " characters)";
    }

    static Record<String, byte[]> of(Record<String, byte[]> rejected, String reason, String source) {
        Headers headers = new RecordHeaders(rejected.headers().toArray());
        headers.remove(EventHeaders.DEAD_LETTER_REASON);
        headers.remove(EventHeaders.DEAD_LETTER_SOURCE);
        headers.add(EventHeaders.DEAD_LETTER_REASON, shorten(reason).getBytes(StandardCharsets.UTF_8));
        headers.add(EventHeaders.DEAD_LETTER_SOURCE, source.getBytes(StandardCharsets.UTF_8));
        return new Record<>(rejected.key(), rejected.value(), rejected.timestamp(), headers);
    }
}
