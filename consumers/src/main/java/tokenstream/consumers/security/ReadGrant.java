package tokenstream.consumers.security;

import java.util.Set;

/**
 * What a verified token lets its holder read. Never holds the token itself.
 *
 * @param conversations conversation ids, {@code "*"} for all
 */
public record ReadGrant(boolean canRead, Set<String> conversations) {
    static final String ANY_CONVERSATION = "*";

    public boolean covers(String conversationId) {
        return canRead && (conversations.contains(ANY_CONVERSATION) || conversations.contains(conversationId));
    }

    public boolean coversAll() {
        return canRead && conversations.contains(ANY_CONVERSATION);
    }
}
