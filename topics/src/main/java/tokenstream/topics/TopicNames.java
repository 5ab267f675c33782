package tokenstream.topics;

import tokenstream.protocol.Topics;

/** The names of the pipeline's topics; operators may rename them, every service must agree. */
public record TopicNames(String chunks, String responses, String control, String deadLetter, String responseOwners) {

    public static TopicNames defaults() {
        return new TopicNames(Topics.CHUNKS, Topics.RESPONSES, Topics.CONTROL, Topics.DEAD_LETTER,
                Topics.RESPONSE_OWNERS);
    }
}
