package tokenstream.replay;

import tokenstream.protocol.ChunkEvent;

import java.io.PrintStream;

/**
 * Replays as readable text: a header line per response, its text as it streamed, tool calls and the ending
 * in brackets. Events of unknown types are left out.
 */
public final class TextSink implements EventSink {
    private final PrintStream out;

    public TextSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(ReplayedEvent replayed) {
        ChunkEvent event = replayed.event();
        if (event instanceof ChunkEvent.ResponseStarted started) {
            out.printf("[response %s model=%s]%n", started.responseId(), started.model());
        } else if (event instanceof ChunkEvent.TextDelta delta) {
            out.print(delta.text());
        } else if (event instanceof ChunkEvent.ToolCall call) {
            out.printf("[tool_call %s %s]", call.name(), call.arguments());
        } else if (event instanceof ChunkEvent.ResponseCompleted completed) {
            out.printf("%n[completed %s]%n", completed.finishReason());
        } else if (event instanceof ChunkEvent.ResponseFailed failed) {
            out.printf("%n[failed %s: %s]%n", failed.code(), failed.message());
        } else if (event instanceof ChunkEvent.ResponseCancelled cancelled) {
            out.printf("%n[cancelled %s]%n", cancelled.reason());
        }
        out.flush();
    }
}
