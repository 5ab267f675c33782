package tokenstream.relay.http;

import java.util.regex.Pattern;

/** The shape of a conversation id, the same rule ingest applies. */
public final class ConversationIds {
    public static final String RULE = "conversation id must be 1 to 128 characters of letters, digits, '.', '_', ':' or '-'";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private ConversationIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
