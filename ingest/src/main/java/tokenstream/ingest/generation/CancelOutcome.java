package tokenstream.ingest.generation;

import tokenstream.protocol.EventId;

/**
 * What a cancel request found on this instance.
 *
 * @param status   what happened
 * @param position for {@link Status#CANCELLED}: where {@code response.cancelled} is on the chunks topic
 * @param endedAs  for {@link Status#ENDED}: the terminal event type it ended with
 */
public record CancelOutcome(Status status, EventId position, String endedAs) {

    public enum Status {
        /** This instance ran it and has now cancelled it; {@code response.cancelled} is on the topic. */
        CANCELLED,
        /** It had been cancelled before. */
        ALREADY_CANCELLED,
        /** It ended otherwise (completed or failed) before the request. */
        ENDED,
        /** Not running here and not remembered as ended here: another instance may run it. */
        UNKNOWN
    }

    static CancelOutcome of(Status status) {
        return new CancelOutcome(status, null, null);
    }
}
