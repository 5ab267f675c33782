package tokenstream.ingest.push;

import io.smallrye.config.ConfigMapping;

/** Limits of the gateway push endpoint. */
@ConfigMapping(prefix = "tokenstream.ingest.push")
public interface PushConfig {

    /** Largest request body accepted; larger ones are refused whole with 413 before anything is written. */
    int maxBodyBytes();

    /** Largest single line (one event) accepted. */
    int maxLineBytes();

    /**
     * How many responses this instance remembers the progress of (least recently pushed forgotten
     * first). A forgotten response is unknown again: its next push must restart at seq 0.
     */
    int trackedResponses();
}
