package tokenstream.ingest.push;

/**
 * The answer to a successful push.
 *
 * @param accepted     events written by this push
 * @param duplicates   events skipped because their seq had been accepted before
 * @param lastSeq      the response's highest accepted seq, null while the response is unknown
 * @param lastPosition event id of the response's last written event, null if none
 */
public record PushResult(long accepted, long duplicates, Long lastSeq, String lastPosition) {
}
