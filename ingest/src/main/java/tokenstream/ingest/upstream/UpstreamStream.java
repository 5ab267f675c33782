package tokenstream.ingest.upstream;

/** A running generation at an upstream. */
public interface UpstreamStream {

    /**
     * Stops the generation at the upstream (closing its connection or timer) so that it stops spending
     * tokens. Idempotent; after it returns the listener gets no further calls.
     */
    void cancel();
}
