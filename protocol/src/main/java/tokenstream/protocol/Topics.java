package tokenstream.protocol;

/**
 * Default names of the topics that make up the pipeline. Services let operators override them by
 * configuration; these are the values every service agrees on out of the box.
 */
public final class Topics {
    /** Every event of every response; key = conversation id, value = {@link ChunkEvent} JSON. Retained, not compacted. */
    public static final String CHUNKS = "tokenstream.chunks";
    /** One {@link AssembledResponse} per response; key = {@link ResponseKey} ({@code conversationId/responseId}). Compacted. */
    public static final String RESPONSES = "tokenstream.responses";
    /** Control messages (cancel, presence); key = conversation id. */
    public static final String CONTROL = "tokenstream.control";
    /** Records that could not be processed, with the reason in the {@link EventHeaders#DEAD_LETTER_REASON} header. */
    public static final String DEAD_LETTER = "tokenstream.dead-letter";

    /**
     * Which conversation and producer own each response id ({@link ResponseClaim}); key = response id. Compacted;
     * written and read by ingest only. The first claim of an id in log order owns it.
     */
    public static final String RESPONSE_OWNERS = "tokenstream.response-owners";

    private Topics() {
    }
}
