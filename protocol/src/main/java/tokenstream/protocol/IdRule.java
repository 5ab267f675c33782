package tokenstream.protocol;

import java.util.regex.Pattern;

/**
 * The shape of the ids a client chooses and that travel in URL paths, Kafka keys and event fields: 1 to 128
 * characters of {@code [A-Za-z0-9._:-]}, so that they need no escaping anywhere they go. The same rule for every
 * service, with the error code a service answers when an id breaks it.
 */
public enum IdRule {
    /** A conversation id; also the chunks record key. */
    CONVERSATION("conversation", "invalid_conversation_id"),
    /** A response id, unique within its conversation. */
    RESPONSE("response", "invalid_response_id");

    /** The longest id accepted. */
    public static final int MAX_LENGTH = 128;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private final String noun;
    private final String errorCode;

    IdRule(String noun, String errorCode) {
        this.noun = noun;
        this.errorCode = errorCode;
    }

    /** Whether {@code id} has the shape of an id; false for null. */
    public boolean accepts(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The error code a service answers for an id that breaks the rule, for example {@code invalid_conversation_id}. */
    public String errorCode() {
        return errorCode;
    }

    /** The rule in words, for an error message: {@code conversation id must be 1-128 characters of ...}. */
    public String description() {
        return noun + " id must be 1-" + MAX_LENGTH + " characters of letters, digits, '.', '_', ':' or '-'";
    }
}
