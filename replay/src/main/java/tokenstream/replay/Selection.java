package tokenstream.replay;

import java.time.Instant;

/**
 * Which recorded events to replay; fields left null do not restrict. A conversation narrows reading to its one
 * partition; a response alone needs every partition read; {@code from}/{@code to} bound the record timestamps
 * (inclusive).
 */
public record Selection(String conversationId, String responseId, Instant from, Instant to) {

    public Selection {
        if (conversationId == null && responseId == null && from == null) {
            throw new IllegalArgumentException("name a conversation, a response or a start time (--from)");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }

    public static Selection conversation(String conversationId) {
        return new Selection(conversationId, null, null, null);
    }

    boolean wants(String key, ReplayedEvent replayed) {
        return (conversationId == null || conversationId.equals(key))
                && (responseId == null || responseId.equals(replayed.event().responseId()))
                && (from == null || replayed.recordTimestamp() >= from.toEpochMilli())
                && (to == null || replayed.recordTimestamp() <= to.toEpochMilli());
    }
}
