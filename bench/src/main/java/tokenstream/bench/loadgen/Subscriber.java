package tokenstream.bench.loadgen;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One simulated EventSource: its socket while connected, and what survives its reconnects. */
final class Subscriber {
    enum State { WAITING, CONNECTING, AWAITING_HEAD, STREAMING }

    final String path;
    final SequenceCheck sequence = new SequenceCheck();
    State state = State.WAITING;
    SocketChannel channel;
    SelectionKey key;
    SseStreamParser parser;
    String lastEventId;
    boolean everStreamed;
    boolean wanted = true;
    /** Events whose ingest timestamp is older than this were replayed, not live: no latency sample. */
    long liveSinceMicros;
    /** Set while the subscriber takes part in a reconnect storm: when it reconnected. */
    long stormReconnectMicros = -1;
    boolean caughtUp;

    Subscriber(String path) {
        this.path = path;
    }

    /** Reconnected in a storm and not yet at its first event produced after that. */
    boolean catchingUpFromStorm() {
        return stormReconnectMicros >= 0 && !caughtUp;
    }
}
