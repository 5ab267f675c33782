package tokenstream.protocol;

import java.util.Optional;

/**
 * The key of a response wherever it is stored by more than its conversation: the {@link Topics#RESPONSES} topic,
 * the audit store. A response id is unique only within its conversation, so the key is the pair,
 * {@code <conversation id>/<response id>}. Ids that reach Kafka through ingest are 1–128 characters of
 * {@code A-Z a-z 0-9 . _ : -}, so the separator cannot occur in either; a pair that contains it (written to
 * Kafka by something else) has no key, rather than one that could collide with another pair's.
 */
public record ResponseKey(String conversationId, String responseId) {
    public static final char SEPARATOR = '/';

    public ResponseKey {
        if (!valid(conversationId) || !valid(responseId)) {
            throw new IllegalArgumentException("conversation and response ids must be non-empty and free of '"
                    + SEPARATOR + "': " + conversationId + ", " + responseId);
        }
    }

    /** Whether the pair can be keyed; false for an empty id or one containing {@link #SEPARATOR}. */
    public static boolean keyable(String conversationId, String responseId) {
        return valid(conversationId) && valid(responseId);
    }

    public static String of(String conversationId, String responseId) {
        return new ResponseKey(conversationId, responseId).encode();
    }

    public String encode() {
        return conversationId + SEPARATOR + responseId;
    }

    /** The pair a key names; empty for anything {@link #encode()} cannot have produced. */
    public static Optional<ResponseKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int at = key.indexOf(SEPARATOR);
        if (at < 0 || key.indexOf(SEPARATOR, at + 1) >= 0) {
            return Optional.empty();
        }
        String conversationId = key.substring(0, at);
        String responseId = key.substring(at + 1);
        return keyable(conversationId, responseId) ? Optional.of(new ResponseKey(conversationId, responseId))
                : Optional.empty();
    }

    private static boolean valid(String id) {
        return id != null && !id.isEmpty() && id.indexOf(SEPARATOR) < 0;
    }

    @Override
    public String toString() {
        return encode();
    }
}
