package tokenstream.ingest.topics;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.UUID;

/** Ingest starting with the topics step on, against topic names nobody created yet. */
public class FreshTopicsProfile implements QuarkusTestProfile {
    static final String PREFIX = "fresh-" + UUID.randomUUID() + ".";
    static final String CHUNKS = PREFIX + "chunks";
    static final String RESPONSES = PREFIX + "responses";
    static final String CONTROL = PREFIX + "control";
    static final String DEAD_LETTER = PREFIX + "dead-letter";
    static final String RESPONSE_OWNERS = PREFIX + "response-owners";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tokenstream.topics.auto-create", "true",
                "tokenstream.topics.chunks-partitions", "3",
                "tokenstream.topics.chunks", CHUNKS,
                "tokenstream.topics.responses", RESPONSES,
                "tokenstream.topics.control", CONTROL,
                "tokenstream.topics.dead-letter", DEAD_LETTER,
                "tokenstream.topics.response-owners", RESPONSE_OWNERS);
    }
}
