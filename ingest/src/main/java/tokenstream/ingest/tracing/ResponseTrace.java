package tokenstream.ingest.tracing;

import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.TraceContext;

/**
 * The spans of one generated response: the upstream call (with its time to first token) and the writes of its
 * records to the chunks topic, both children of the start request's span. {@link #NONE} when tracing is off: then
 * every call is empty and the records carry no trace headers, so a response costs nothing per token.
 */
public interface ResponseTrace {

    /** Tracing is off, or the start had no trace. */
    ResponseTrace NONE = new ResponseTrace() {
        @Override
        public TraceContext headers() {
            return null;
        }

        @Override
        public void upstreamOpened() {
        }

        @Override
        public void firstOutput() {
        }

        @Override
        public void ended(ChunkEvent terminal, Throwable writeError) {
        }

        @Override
        public void notStarted(Throwable error) {
        }
    };

    /** What every record of the response carries in its trace headers; null for {@link #NONE}. */
    TraceContext headers();

    /** The upstream is about to be opened: its span starts. */
    void upstreamOpened();

    /** The upstream produced its first output (a token or a tool-call fragment); called once. */
    void firstOutput();

    /** The terminal event was written ({@code writeError} null) or could not be: every span of the response ends. */
    void ended(ChunkEvent terminal, Throwable writeError);

    /** The start was refused after its trace began ({@code response.started} not acknowledged): the spans end. */
    void notStarted(Throwable error);
}
