package tokenstream.ingest.output;

import io.smallrye.config.ConfigMapping;

/** How large one response may grow, for generations and pushes alike. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface OutputConfig {

    /**
     * UTF-8 bytes of text and tool-call arguments one response may hold. The audit record of a response holds
     * exactly these, so this cap is what keeps every accepted response inside the audit's record size.
     */
    long maxResponseBytes();
}
