package tokenstream.protocol;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The SSE event id of a chunks-topic record: its Kafka partition and offset.
 *
 * <p>Clients treat the encoded form as opaque; it is {@code 1.<partition>.<offset>.<check>}, where
 * {@code 1} is the format version and {@code check} is a short checksum so that a mangled or foreign id
 * is refused instead of silently resuming at a wrong place. Because it names a Kafka position and
 * nothing local to one relay, every relay instance accepts every id.
 *
 * @param partition the chunks-topic partition
 * @param offset    the record's offset within that partition
 */
public record EventId(int partition, long offset) implements Comparable<EventId> {
    private static final String VERSION = "1";

    public EventId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be non-negative");
        }
    }

    /** The opaque string used as the SSE {@code id:}. */
    public String encode() {
        String body = VERSION + "." + partition + "." + offset;
        return body + "." + check(body);
    }

    /**
     * Parses an id produced by {@link #encode()}.
     *
     * @throws InvalidEventIdException naming what is wrong with the id
     */
    public static EventId decode(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidEventIdException("event id is empty");
        }
        if (text.length() > 64) {
            throw new InvalidEventIdException("event id is too long to be a tokenstream id");
        }
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidEventIdException("event id '" + text + "' is not a tokenstream event id");
        }
        if (!VERSION.equals(parts[0])) {
            throw new InvalidEventIdException("event id '" + text + "' has unsupported version '" + parts[0] + "'");
        }
        String body = parts[0] + "." + parts[1] + "." + parts[2];
        if (!check(body).equals(parts[3])) {
            throw new InvalidEventIdException("event id '" + text + "' fails its checksum");
        }
        try {
            return new EventId(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventIdException("event id '" + text + "' has an invalid position");
        }
    }

    @Override
    public int compareTo(EventId other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    private static String check(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        // Every event a relay reads is framed with its id: String.format here was a sixth of a relay's CPU.
        int value = (int) (crc.getValue() & 0xffff);
        char[] hex = new char[4];
        for (int i = 3; i >= 0; i--) {
            hex[i] = HEX[value & 0xf];
            value >>>= 4;
        }
        return new String(hex);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
