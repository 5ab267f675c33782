package tokenstream.ingest.push;

import tokenstream.protocol.EventId;

import java.util.concurrent.locks.ReentrantLock;

/**
 * How far one pushed response has got on this instance. Guarded by {@link #lock}, which also
 * serializes concurrent pushes of the response.
 */
final class ResponseProgress {
    final ReentrantLock lock = new ReentrantLock();
    final String responseId;
    /** The conversation of the response, once its first event is written. */
    String conversationId;
    /** Highest seq written; -1 while the response is unknown here. */
    long lastSeq = -1;
    /** Whether the terminal event has been written. */
    boolean ended;
    /** The failure code when ingest wrote the terminal event on the producer's behalf, else null. */
    String endedByIngest;
    /** Position of the last event written. */
    EventId lastPosition;
    /** Writes after the last acknowledged one that may be in the log although they failed; null when there are none. */
    UncertainWrites uncertain;
    /** UTF-8 bytes of text and tool-call arguments written, counted against the maximum response size. */
    long bytes;
    /** When the gateway last pushed to the response (a refused push included), by {@link System#nanoTime()}. */
    volatile long lastEventNanos = System.nanoTime();

    ResponseProgress(String responseId) {
        this.responseId = responseId;
    }

    /** Whether the response has started here and not ended: it is owed a terminal event. */
    boolean open() {
        return known() && !ended;
    }

    boolean known() {
        return lastSeq >= 0;
    }
}
