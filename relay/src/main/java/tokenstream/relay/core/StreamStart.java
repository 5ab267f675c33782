package tokenstream.relay.core;

import tokenstream.protocol.EventId;
import tokenstream.protocol.InvalidEventIdException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a client asked its stream to begin, decoded once from the request; the resume plan
 * ({@link PartitionFeed#subscribe}) takes it as it is.
 */
public sealed interface StreamStart {

    /** Right after an event the client already has ({@code Last-Event-ID}, {@code lastEventId}). */
    record After(EventId eventId) implements StreamStart {
    }

    /** At an event, inclusive ({@code from=<event id>}). */
    record At(EventId eventId) implements StreamStart {
    }

    /** The first event at or after a time ({@code from=<ISO-8601>} or {@code from=<epoch millis>}). */
    record AtTime(Instant time) implements StreamStart {
    }

    /** The conversation's whole retained history ({@code from=start}). */
    record Beginning() implements StreamStart {
    }

    /** No position: the in-progress response from its start, else live. */
    record InProgressOrLive() implements StreamStart {
    }

    /**
     * Reads the request's position. {@code Last-Event-ID} wins over {@code lastEventId}, which wins over
     * {@code from}: a reconnecting EventSource repeats the original URL and adds the header.
     *
     * @throws InvalidEventIdException if the position is not one this relay issued or understands
     */
    static StreamStart parse(String lastEventIdHeader, String lastEventIdQuery, String from) {
        String lastEventId = blankToNull(lastEventIdHeader) != null ? lastEventIdHeader : blankToNull(lastEventIdQuery);
        if (lastEventId != null) {
            return new After(EventId.decode(lastEventId));
        }
        String position = blankToNull(from);
        if (position == null || position.equals("live") || position.equals("default")) {
            return new InProgressOrLive();
        }
        if (position.equals("start")) {
            return new Beginning();
        }
        if (position.matches("\\d{1,15}")) {
            return new AtTime(Instant.ofEpochMilli(Long.parseLong(position)));
        }
        if (position.length() > 10 && Character.isDigit(position.charAt(0)) && position.charAt(4) == '-') {
            try {
                return new AtTime(Instant.parse(position));
            } catch (DateTimeParseException e) {
                throw new InvalidEventIdException("from='" + position + "' is not an ISO-8601 instant");
            }
        }
        return new At(EventId.decode(position));
    }

    /**
     * Checks that a named position is on the conversation's partition.
     *
     * @return this start
     * @throws InvalidEventIdException for an event id of another partition (another conversation's)
     */
    default StreamStart requireOn(int partition, String conversationId) {
        EventId named = this instanceof After after ? after.eventId() : this instanceof At at ? at.eventId() : null;
        if (named != null && named.partition() != partition) {
            throw new InvalidEventIdException("event id " + named.encode() + " does not belong to conversation "
                    + conversationId);
        }
        return this;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
