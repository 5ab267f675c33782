package tokenstream.relay.tracing;

import tokenstream.relay.tail.ChunkRecord;

import java.util.List;

/**
 * Traces, for one client stream, the first delivery of each response to it. Told of every batch written to the
 * client, on the connection's event loop; {@link #NONE} (tracing off) does nothing, so a batch costs one empty call.
 */
public interface StreamDeliveries {

    /** Tracing is off. */
    StreamDeliveries NONE = batch -> {
    };

    /** {@code batch} has just been written to the client, in order. */
    void written(List<ChunkRecord> batch);
}
