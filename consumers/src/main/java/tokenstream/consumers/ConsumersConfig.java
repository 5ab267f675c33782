package tokenstream.consumers;

import io.smallrye.config.ConfigMapping;

/** Configuration of the audit consumers; defaults live in {@code application.properties}. */
@ConfigMapping(prefix = "tokenstream.consumers")
public interface ConsumersConfig {

    /** Names of the topics the topology reads and writes. */
    TopicNames topics();

    interface TopicNames {
        /** Every event of every response; key = conversation id. */
        String chunks();

        /** One assembled response per response id; compacted. */
        String responses();

        /** Chunk records that are not valid events. */
        String deadLetter();
    }
}
