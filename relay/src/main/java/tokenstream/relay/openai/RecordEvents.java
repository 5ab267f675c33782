package tokenstream.relay.openai;

import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.sse.SseEvent;
import tokenstream.protocol.sse.SseParser;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.charset.StandardCharsets;

/**
 * The event a relay record carries, read back from its prepared frame: the relay keeps only the frame every client
 * of its own stream receives, so a translating client parses it once more. A record that does not read as an
 * event (an unsafe type, a hand-written value) is nothing to translate.
 */
final class RecordEvents {
    private RecordEvents() {
    }

    /** The record's event, or null when it is not one. */
    static ChunkEvent of(ChunkRecord record) {
        String[] data = new String[1];
        new SseParser(event -> data[0] = event.data()).feed(record.frameBytes());
        if (data[0] == null) {
            return null;
        }
        try {
            return ChunkEventCodec.read(data[0].getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException notAnEvent) {
            return null;
        }
    }
}
