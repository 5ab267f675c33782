package tokenstream.ingest.push;

import tokenstream.ingest.output.Utf8;
import tokenstream.protocol.ChunkEvent;

/** What an event adds to its response's size: the text, thinking and tool-call arguments its audit record will hold. */
final class ResponseSize {
    private ResponseSize() {
    }

    static long of(ChunkEvent event) {
        if (event instanceof ChunkEvent.TextDelta delta) {
            return Utf8.length(delta.text());
        }
        if (event instanceof ChunkEvent.ThinkingDelta thinking) {
            return Utf8.length(thinking.text());
        }
        if (event instanceof ChunkEvent.ToolCall call) {
            return Utf8.length(call.arguments().toString());
        }
        return 0;
    }
}
