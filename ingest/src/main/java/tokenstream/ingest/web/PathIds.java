package tokenstream.ingest.web;

import tokenstream.servicekit.web.ApiException;

import java.util.regex.Pattern;

/** Validation of the ids that appear in URL paths and become Kafka keys and event fields. */
public final class PathIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private PathIds() {
    }

    /** @return the id, if it is 1–128 characters of {@code [A-Za-z0-9._:-]} */
    public static String conversationId(String value) {
        return check(value, "conversation", "invalid_conversation_id");
    }

    /** @return the id, if it is 1–128 characters of {@code [A-Za-z0-9._:-]} */
    public static String responseId(String value) {
        return check(value, "response", "invalid_response_id");
    }

    private static String check(String value, String what, String code) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ApiException(400, code,
                    what + " id must be 1-128 characters of letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }
}
