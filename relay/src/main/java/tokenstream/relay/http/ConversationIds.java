package tokenstream.relay.http;

import tokenstream.protocol.IdRule;

/** The shape of a conversation id, the same rule ingest applies ({@link IdRule}). */
public final class ConversationIds {
    /** The relay's wording of {@link IdRule}, kept word for word: it is in the relay's 400 answers. */
    public static final String RULE = "conversation id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'";

    private ConversationIds() {
    }

    public static boolean isValid(String id) {
        return IdRule.CONVERSATION.accepts(id);
    }
}
