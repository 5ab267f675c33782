package tokenstream.replay;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replays recorded events from the chunks topic: a conversation, a response or a time range, as text on
 * stdout or as SSE on a local port, at the original pace or faster. See {@link ReplayOptions#USAGE}.
 */
public final class ReplayMain {
    static final int USAGE_ERROR = 2;

    private ReplayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; returns the process exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            err.println(ReplayOptions.USAGE);
            return USAGE_ERROR;
        }
        List<ReplayedEvent> events;
        try {
            events = new ChunkReader(options.connection(), options.topic(), err).read(options.selection());
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 1;
        }
        if (events.isEmpty()) {
            err.println("replay: no recorded event matches");
            return 1;
        }
        Set<String> conversations = new TreeSet<>();
        events.forEach(replayed -> conversations.add(replayed.event().conversationId()));
        if (options.selection().responseId() != null && options.selection().conversationId() == null
                && conversations.size() > 1) {
            // A response id names one response only within its conversation; never interleave two responses.
            err.println("replay: response id " + options.selection().responseId() + " is used in " + conversations.size()
                    + " conversations " + conversations + "; add --conversation to pick one");
            return 1;
        }
        if (options.ssePort() == null) {
            Replayer.replay(events, options.speed(), new TextSink(out));
            return 0;
        }
        try (SseReplayServer server = SseReplayServer.start(options.ssePort(), events, options.speed())) {
            err.printf("replay: %d events; serving SSE at http://127.0.0.1:%d/ (first client gets the replay)%n",
                    events.size(), server.port());
            server.awaitFirstReplay();
        }
        return 0;
    }
}
