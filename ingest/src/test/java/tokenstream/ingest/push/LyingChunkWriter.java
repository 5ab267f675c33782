package tokenstream.ingest.push;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import org.apache.kafka.common.errors.TimeoutException;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.protocol.TraceContext;
import tokenstream.kafkasetup.KafkaConnection;

import java.util.concurrent.CompletableFuture;

/**
 * The real chunk writer, except that it can report a delivery timeout for a write the broker did acknowledge: the
 * uncertain outcome of a broker that dies right after appending, made deterministic. A singleton: a client proxy
 * would need a no-args constructor that ChunkWriter does not have.
 */
@Alternative
@Singleton
public class LyingChunkWriter extends ChunkWriter {
    private volatile String lieAboutResponse;
    private volatile long lieAboutSeq = -1;

    public LyingChunkWriter(KafkaConnection connection, ChunkWriterConfig config, MeterRegistry registry) {
        super(connection, config, registry);
    }

    /** The next write of this event is reported as timed out once it is acknowledged. */
    void timeOutAfterWriting(String responseId, long seq) {
        lieAboutSeq = seq;
        lieAboutResponse = responseId;
    }

    // Every write goes through this one (the one-argument write passes no trace).
    @Override
    public CompletableFuture<EventId> write(ChunkEvent event, TraceContext trace) {
        CompletableFuture<EventId> written = super.write(event, trace);
        if (!event.responseId().equals(lieAboutResponse) || event.seq() != lieAboutSeq) {
            return written;
        }
        lieAboutResponse = null;
        CompletableFuture<EventId> reported = new CompletableFuture<>();
        written.whenComplete((position, error) -> reported.completeExceptionally(error != null ? error
                : new TimeoutException("Expiring 1 record(s) for chunks: 30000 ms has passed since batch creation")));
        return reported;
    }
}
