package tokenstream.ingest.output;

/**
 * Where and why a streamed JSON document went wrong.
 *
 * @param byteOffset offset in the document's UTF-8 bytes of the first invalid byte (or the end of the
 *                   offending value, for a schema violation)
 * @param excerpt    the document around that offset, non-printable characters escaped
 * @param reason     for people
 */
public record JsonViolation(long byteOffset, String excerpt, String reason) {

    /** One line for {@code response.failed}'s message. */
    public String describe(String what) {
        return what + " at byte " + byteOffset + ": " + reason + " (near '" + excerpt + "')";
    }
}
