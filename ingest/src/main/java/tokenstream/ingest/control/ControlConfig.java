package tokenstream.ingest.control;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Where cancel and presence messages travel. */
@ConfigMapping(prefix = "tokenstream.ingest")
public interface ControlConfig {

    /** The control topic: cancels and relay presence, key = conversation id. */
    @WithName("topics.control")
    String controlTopic();

    /** Where unreadable control records are copied, with the reason in a header. */
    @WithName("topics.dead-letter")
    String deadLetterTopic();
}
