package tokenstream.bench.capacity;

import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.ChunkEventCodec;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/**
 * The bytes of one typical {@code text.delta} along the path, measured by encoding it with the project's own codec,
 * headers and event id, and Kafka's own record format (no broker): what the capacity model needs per event.
 *
 * <p>The typical event (an assumption, stated in docs/capacity.md): a UUID-sized conversation id, ingest's
 * {@code resp_} + 32 hex response id, a seq in the hundreds, a microsecond timestamp (what {@code Instant.now()}
 * gives on Linux) and a 4-character token. A batch is {@value #RECORDS_PER_BATCH} records of as many different
 * conversations, the way one ingest instance's 2 ms linger fills a partition's batch with interleaved streams.
 *
 * @param valueBytes        the event's JSON value
 * @param keyBytes          the record key (conversation id)
 * @param headerBytes       the three headers' keys and values
 * @param recordBytes       one record in Kafka's format v2, uncompressed, with its share of the batch header
 * @param lz4RecordBytes    the same inside an lz4 batch (ingest's {@code tokenstream.ingest.kafka.compression}), per
 *                          record: what the brokers store and serve
 * @param sseDeliveryBytes  one SSE frame ({@code id:}, {@code event:}, {@code data:}) plus its HTTP/1.1 chunk framing,
 *                          the bytes a relay writes per delivery when nothing is coalesced
 * @param partChangelogBytes what the consumers' assembly writes per text delta to its part store's changelog: the
 *                          part record, and its tombstone when the response ends
 */
public record RecordSizes(int valueBytes, int keyBytes, int headerBytes, double recordBytes, double lz4RecordBytes,
                          int sseDeliveryBytes, int partChangelogBytes) {
    static final int RECORDS_PER_BATCH = 10;
    /** Characters of a typical token (an English rule of thumb; assumed). */
    static final int TOKEN_CHARS = 4;
    private static final int PART_KEY_BYTES = 36 + 1 + 37 + 1 + 19; // <conversation>/<response>|<19-digit part no>

    /** Measures the sizes of the typical event described above. */
    public static RecordSizes typical() {
        Random random = new Random(18);
        byte[][] keys = new byte[RECORDS_PER_BATCH][];
        byte[][] values = new byte[RECORDS_PER_BATCH][];
        Header[][] headers = new Header[RECORDS_PER_BATCH][];
        Instant now = Instant.parse("2026-11-26T10:11:42.123456Z");
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            String conversation = uuid(random);
            String response = "resp_" + hex(random, 16);
            ChunkEvent event = new ChunkEvent.TextDelta(conversation, response, 200 + i, now.plusNanos(i * 1_017_000L),
                    token(random));
            keys[i] = conversation.getBytes(StandardCharsets.UTF_8);
            values[i] = ChunkEventCodec.write(event);
            headers[i] = headers(EventHeaders.of(event));
        }
        int headerBytes = 0;
        for (Header header : headers[0]) {
            headerBytes += header.key().length() + header.value().length;
        }
        return new RecordSizes(values[0].length, keys[0].length, headerBytes,
                batchBytes(Compression.NONE, keys, values, headers) / (double) RECORDS_PER_BATCH,
                batchBytes(Compression.lz4().build(), keys, values, headers) / (double) RECORDS_PER_BATCH,
                sseDelivery(values[0]), partChangelog());
    }

    private static int batchBytes(Compression compression, byte[][] keys, byte[][] values, Header[][] headers) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(ByteBuffer.allocate(64 * 1024), compression,
                TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < keys.length; i++) {
            builder.append(1_764_151_902_123L + i, keys[i], values[i], headers[i]);
        }
        return builder.build().sizeInBytes();
    }

    /** The relay's framing (relay's {@code EventFrame}) of a record at a position of a large topic, chunk-encoded. */
    private static int sseDelivery(byte[] value) {
        String id = new EventId(117, 12_345_678_901L).encode();
        int frame = ("id: " + id + "\nevent: text.delta\ndata: ").length() + value.length + 2;
        return Integer.toHexString(frame).length() + 2 + frame + 2;
    }

    /** A part entry {@code {"text":"…"}} under its key, then the tombstone of the same key, in record format v2. */
    private static int partChangelog() {
        int value = ("{\"text\":\"" + "x".repeat(TOKEN_CHARS) + "\"}").length();
        return DefaultRecord.sizeInBytes(0, 0, PART_KEY_BYTES, value, new Header[0])
                + DefaultRecord.sizeInBytes(0, 0, PART_KEY_BYTES, -1, new Header[0]);
    }

    private static Header[] headers(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> new RecordHeader(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toArray(Header[]::new);
    }

    private static String uuid(Random random) {
        String hex = hex(random, 16);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    private static String hex(Random random, int bytes) {
        byte[] bits = new byte[bytes];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    private static String token(Random random) {
        char[] token = new char[TOKEN_CHARS];
        token[0] = ' ';
        for (int i = 1; i < TOKEN_CHARS; i++) {
            token[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(token);
    }
}
