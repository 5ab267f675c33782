package tokenstream.protocol;

/**
 * The names of the pipeline's topics in one deployment: operators may rename them, every service must agree.
 * {@link Topics} holds the defaults.
 */
public record TopicNames(String chunks, String responses, String control, String deadLetter, String responseOwners) {

    /** The default names, {@link Topics}. */
    public static TopicNames defaults() {
        return new TopicNames(Topics.CHUNKS, Topics.RESPONSES, Topics.CONTROL, Topics.DEAD_LETTER,
                Topics.RESPONSE_OWNERS);
    }
}
