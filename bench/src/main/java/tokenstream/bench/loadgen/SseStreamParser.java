package tokenstream.bench.loadgen;

import tokenstream.protocol.sse.SseParser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Incremental parser of one HTTP/1.1 response carrying Server-Sent Events: status line and headers, then a
 * chunked or close-delimited body whose bytes go to protocol's {@link SseParser}, which reads them as a browser's
 * EventSource does. It is fed whatever a non-blocking read returned, so every state survives the end of a buffer.
 * One instance per connection; not thread-safe.
 */
public final class SseStreamParser {

    /** What the parser found. */
    public interface Listener {
        /** The status line and headers are complete. */
        void onResponse(int status);

        /** One complete event; {@code id} is null when the event had no id line, {@code event} defaults to message. */
        void onEvent(String id, String event, String data);

        /** A chunked body ended with its last chunk. */
        void onBodyEnd();
    }

    private enum Phase { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, BODY, DONE }

    private static final int MAX_HEAD = 16 * 1024;

    private final Listener listener;
    private Phase phase = Phase.HEAD;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean chunked;
    private int status;
    private long chunkRemaining;
    private long chunkSize;
    private boolean chunkSizeDone;
    private int chunkEndBytes;

    private final SseParser body;

    public SseStreamParser(Listener listener) {
        this.listener = listener;
        this.body = new SseParser(event -> listener.onEvent(event.id(), event.event(), event.data()));
    }

    /** The id of the last event that had one, as EventSource keeps it for {@code Last-Event-ID}. */
    public String lastEventId() {
        return body.lastEventId();
    }

    /** Consumes every remaining byte of {@code buffer}. */
    public void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining() && phase != Phase.DONE) {
            switch (phase) {
                case HEAD -> readHeadByte(buffer.get());
                case CHUNK_SIZE -> readChunkSizeByte(buffer.get());
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, buffer.remaining());
                    // Hand the chunk's bytes over in place: narrow the buffer rather than copy or slice it.
                    int limit = buffer.limit();
                    buffer.limit(buffer.position() + n);
                    body.feed(buffer);
                    buffer.limit(limit);
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        phase = Phase.CHUNK_DATA_END;
                        chunkEndBytes = 0;
                    }
                }
                case CHUNK_DATA_END -> {
                    buffer.get();
                    if (++chunkEndBytes == 2) {
                        phase = Phase.CHUNK_SIZE;
                    }
                }
                case BODY -> body.feed(buffer);
                default -> buffer.position(buffer.limit());
            }
        }
        if (phase == Phase.DONE) {
            buffer.position(buffer.limit());
        }
    }

    private void readHeadByte(byte b) {
        if (b != '\n') {
            append(b);
            if (lineLength > MAX_HEAD) {
                throw new IllegalStateException("response head too long");
            }
            return;
        }
        String text = takeLine();
        if (status == 0) {
            String[] parts = text.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IllegalStateException("not an HTTP response: " + text);
            }
            status = Integer.parseInt(parts[1]);
        } else if (text.isEmpty()) {
            phase = chunked ? Phase.CHUNK_SIZE : Phase.BODY;
            listener.onResponse(status);
        } else {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
    }

    /** Chunk sizes are read digit by digit; the SSE line that may continue in the next chunk stays in the SSE parser. */
    private void readChunkSizeByte(byte b) {
        if (b == '\n') {
            if (chunkSize == 0) {
                phase = Phase.DONE;
                listener.onBodyEnd();
            } else {
                chunkRemaining = chunkSize;
                phase = Phase.CHUNK_DATA;
            }
            chunkSize = 0;
            chunkSizeDone = false;
            return;
        }
        int digit = Character.digit(b, 16);
        if (digit < 0) {
            // CR or the start of a chunk extension: the size is complete.
            chunkSizeDone = true;
        } else if (!chunkSizeDone) {
            chunkSize = chunkSize * 16 + digit;
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    /** The accumulated head line without its CR, as UTF-8 text; resets the accumulator. */
    private String takeLine() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
