package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventId;
import tokenstream.protocol.Usage;
import tokenstream.protocol.sse.SseFrames;
import tokenstream.relay.tail.ChunkRecord;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Events of one made-up response, and the relay records that carry them. */
final class Events {
    static final String CONVERSATION = "c1";
    static final String RESPONSE = "r1";
    static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private Events() {
    }

    static ChunkEvent started(long seq) {
        return new ChunkEvent.ResponseStarted(CONVERSATION, RESPONSE, seq, AT, "sim", JsonNodeFactory.instance.objectNode());
    }

    static ChunkEvent text(long seq, String text) {
        return new ChunkEvent.TextDelta(CONVERSATION, RESPONSE, seq, AT, text);
    }

    static ChunkEvent tool(long seq, String callId) {
        return new ChunkEvent.ToolCall(CONVERSATION, RESPONSE, seq, AT, callId, "lookup",
                JsonNodeFactory.instance.objectNode().put("q", "x"));
    }

    static ChunkEvent completed(long seq, String finishReason) {
        return new ChunkEvent.ResponseCompleted(CONVERSATION, RESPONSE, seq, AT, finishReason, Usage.of(3, 2));
    }

    static ChunkEvent failed(long seq) {
        return new ChunkEvent.ResponseFailed(CONVERSATION, RESPONSE, seq, AT, "upstream_error", "the model went away");
    }

    static ChunkEvent cancelled(long seq) {
        return new ChunkEvent.ResponseCancelled(CONVERSATION, RESPONSE, seq, AT, "requested");
    }

    /** The record at {@code offset} of partition 0, as the relay's tail reads it. */
    static ChunkRecord record(long offset, ChunkEvent event) {
        byte[] value = ChunkEventCodec.write(event);
        return new ChunkRecord(0, offset, event.conversationId(), event.responseId(), event.typeName(), event.isTerminal(),
                event instanceof ChunkEvent.ResponseStarted, 0,
                ByteBuffer.wrap(SseFrames.event(new EventId(0, offset), event.typeName(), value)).asReadOnlyBuffer());
    }

}
