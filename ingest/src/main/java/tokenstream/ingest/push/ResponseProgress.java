package tokenstream.ingest.push;

import tokenstream.protocol.EventId;

import java.util.concurrent.locks.ReentrantLock;

/**
 * How far one pushed response has got on this instance. Guarded by {@link #lock}, which also
 * serializes concurrent pushes of the response.
 */
final class ResponseProgress {
    final ReentrantLock lock = new ReentrantLock();
    /** Highest seq written; -1 while the response is unknown here. */
    long lastSeq = -1;
    /** Whether the terminal event has been written. */
    boolean ended;
    /** Position of the last event written. */
    EventId lastPosition;

    boolean known() {
        return lastSeq >= 0;
    }
}
