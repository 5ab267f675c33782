package tokenstream.ingest.web;

import tokenstream.protocol.IdRule;
import tokenstream.servicekit.web.ApiException;

/** Validation of the ids that appear in URL paths and become Kafka keys and event fields ({@link IdRule}), as HTTP 400s. */
public final class PathIds {
    private PathIds() {
    }

    /** @return the id, if it is 1–128 characters of {@code [A-Za-z0-9._:-]} */
    public static String conversationId(String value) {
        return check(value, IdRule.CONVERSATION);
    }

    /** @return the id, if it is 1–128 characters of {@code [A-Za-z0-9._:-]} */
    public static String responseId(String value) {
        return check(value, IdRule.RESPONSE);
    }

    private static String check(String value, IdRule rule) {
        if (!rule.accepts(value)) {
            throw new ApiException(400, rule.errorCode(), rule.description());
        }
        return value;
    }
}
