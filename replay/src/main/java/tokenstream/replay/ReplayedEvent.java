package tokenstream.replay;

import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;

/**
 * One chunks record to replay.
 *
 * @param position        its place on the chunks topic, the same id the relay gives it as SSE {@code id:}
 * @param recordTimestamp the Kafka record timestamp (what {@code --from}/{@code --to} select on)
 * @param event           the event; its own {@code timestamp} sets the replay timing
 */
public record ReplayedEvent(EventId position, long recordTimestamp, ChunkEvent event) {
}
