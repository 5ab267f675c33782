package tokenstream.bench.loadgen;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Incremental parser of one HTTP/1.1 response carrying Server-Sent Events: status line and headers, then a
 * chunked or close-delimited body, split into SSE fields as a browser's EventSource does. It is fed whatever a
 * non-blocking read returned, so every state survives the end of a buffer. One instance per connection; not
 * thread-safe.
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

    private String id;
    private String lastId;
    private String event;
    private StringBuilder data;

    public SseStreamParser(Listener listener) {
        this.listener = listener;
    }

    /** The id of the last event that had one, as EventSource keeps it for {@code Last-Event-ID}. */
    public String lastEventId() {
        return lastId;
    }

    /** Consumes every remaining byte of {@code buffer}. */
    public void feed(ByteBuffer buffer) {
        while (buffer.hasRemaining() && phase != Phase.DONE) {
            switch (phase) {
                case HEAD -> readHeadByte(buffer.get());
                case CHUNK_SIZE -> readChunkSizeByte(buffer.get());
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, buffer.remaining());
                    for (int i = 0; i < n; i++) {
                        bodyByte(buffer.get());
                    }
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
                case BODY -> bodyByte(buffer.get());
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

    /** Chunk sizes are read digit by digit, apart from the SSE line that may continue in the next chunk. */
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

    private void bodyByte(byte b) {
        if (b != '\n') {
            append(b);
            return;
        }
        sseLine(takeLine());
    }

    private void sseLine(String text) {
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (!value.isEmpty() && value.charAt(0) == ' ') {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // retry and unknown fields do not matter to a load generator
            }
        }
    }

    private void dispatch() {
        if (id != null) {
            lastId = id;
        }
        if (data != null) {
            listener.onEvent(id, event == null ? "message" : event, data.toString());
        }
        id = null;
        event = null;
        data = null;
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    /** The accumulated line without its CR, as UTF-8 text; resets the accumulator. */
    private String takeLine() {
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        lineLength = 0;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
