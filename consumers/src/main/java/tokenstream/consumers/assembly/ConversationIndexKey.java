package tokenstream.consumers.assembly;

import java.util.Optional;

/**
 * Keys of the {@value ResponseTopology#CONVERSATION_RESPONSES_STORE} store: {@code <conversation id>|<first
 * offset, 19 digits>}. Zero-padding makes the store's byte order the topic order of the conversation's
 * responses (all in one partition), so a prefix scan lists a transcript in order without sorting.
 */
public final class ConversationIndexKey {
    private static final char SEPARATOR = '|';
    private static final int OFFSET_DIGITS = 19;

    private ConversationIndexKey() {
    }

    public static String of(String conversationId, long firstOffset) {
        return prefix(conversationId) + String.format("%0" + OFFSET_DIGITS + "d", firstOffset);
    }

    /** Every key of the conversation starts with this (and keys of a few other conversations may too). */
    public static String prefix(String conversationId) {
        return conversationId + SEPARATOR;
    }

    /**
     * The first offset in {@code key} if the key belongs to exactly {@code conversationId}; empty for keys of
     * conversations whose id merely starts with {@code conversationId + "|"}.
     */
    public static Optional<Long> offsetIn(String key, String conversationId) {
        String prefix = prefix(conversationId);
        if (!key.startsWith(prefix) || key.length() != prefix.length() + OFFSET_DIGITS) {
            return Optional.empty();
        }
        String digits = key.substring(prefix.length());
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(digits));
    }
}
