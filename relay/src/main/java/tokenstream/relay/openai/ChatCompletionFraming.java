package tokenstream.relay.openai;

import io.vertx.core.buffer.Buffer;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.sse.SseFrames;
import tokenstream.relay.sse.EventFraming;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One response's records as an OpenAI chunk stream, for one connection. It reads the response from its
 * {@code response.started} (so the model, the role and the tool-call count are known on a resume too) and writes
 * only what comes after the position the client already has: every event carries {@code id:} = its record's
 * position, so a client's {@code Last-Event-ID} continues the stream with nothing lost or repeated. The events of the
 * terminal record (finish chunk, usage chunk, {@code [DONE]}) are one write and share its position; a client resuming
 * after it gets {@code [DONE]} alone. Once the response has ended the connection ends.
 */
final class ChatCompletionFraming implements EventFraming {
    private final ResponseEvents events;
    private final ChatChunks chunks;
    /** The offset of the client's last event in the conversation's partition; -1 when it has none. */
    private final long deliveredUpTo;
    private boolean complete;

    ChatCompletionFraming(String responseId, boolean includeUsage, EventId delivered) {
        this.events = new ResponseEvents(responseId);
        this.chunks = new ChatChunks(includeUsage);
        this.deliveredUpTo = delivered == null ? -1 : delivered.offset();
    }

    @Override
    public Buffer events(List<ChunkRecord> records) {
        Buffer out = Buffer.buffer();
        for (ChunkRecord record : records) {
            if (complete) {
                break;
            }
            ChunkEvent event = events.of(record);
            if (event == null) {
                continue;
            }
            List<String> data = chunks.translate(event);
            complete = event.isTerminal();
            if (record.offset() > deliveredUpTo) {
                data.forEach(d -> out.appendBytes(frame(record.eventId(), d)));
            } else if (complete && data.contains(ChatChunks.DONE)) {
                out.appendBytes(frame(record.eventId(), ChatChunks.DONE));
            }
        }
        return out;
    }

    /**
     * No {@code retry:} block: OpenAI's Python SDK reads a block without data as an event and fails parsing its empty
     * data. EventSource clients then wait their own default before reconnecting.
     */
    @Override
    public Buffer opening(long retryMillis) {
        return Buffer.buffer();
    }

    /**
     * A comment line without the blank line after it: the Python SDK turns a comment block into an empty event once
     * the stream has had an {@code id:}, and fails on it. A lone comment line dispatches nothing in any client.
     */
    @Override
    public Buffer heartbeat() {
        return Buffer.buffer(": keep-alive\n");
    }

    @Override
    public Buffer control(String event, Map<String, Object> body) {
        return Buffer.buffer(SseFrames.comment(event)).appendString(
                "data: " + StreamErrors.interrupted(body) + "\n\n", "UTF-8");
    }

    @Override
    public boolean complete() {
        return complete;
    }

    /** {@code id:} and one {@code data:} line (compact JSON holds no line break) without an {@code event:}: OpenAI's framing. */
    private static byte[] frame(EventId id, String data) {
        return ("id: " + id.encode() + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
