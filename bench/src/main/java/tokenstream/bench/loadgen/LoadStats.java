package tokenstream.bench.loadgen;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;

/** Counters and the latency histogram of one load-generator process; touched only by its selector thread. */
final class LoadStats {
    /** Microseconds; ten minutes is far beyond any latency worth distinguishing. */
    final Histogram latencyMicros = new Histogram(600_000_000L, 3);
    long delivered;
    long replayed;
    long httpErrors;
    long ioErrors;
    long serverCloses;
    long relayNotices;
    long caughtUp;
    long catchUpMaxMicros;
    /** In a storm, the longest wait from a subscriber's reconnect until its request was sent (TCP connected). */
    long stormRequestMaxMicros;
    /** In a storm, the longest wait from a subscriber's reconnect until the server's response head. */
    long stormHeadMaxMicros;
    long windowStartNanos = System.nanoTime();

    void reset() {
        latencyMicros.reset();
        delivered = 0;
        replayed = 0;
        httpErrors = 0;
        ioErrors = 0;
        serverCloses = 0;
        relayNotices = 0;
        caughtUp = 0;
        catchUpMaxMicros = 0;
        stormRequestMaxMicros = 0;
        stormHeadMaxMicros = 0;
        windowStartNanos = System.nanoTime();
    }

    static String encoded(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
