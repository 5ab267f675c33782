package tokenstream.ingest.push;


import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tokenstream.servicekit.web.ApiException;

/** The lines of a newline-delimited JSON body, read with a size limit. */
final class NdjsonBody {
    private NdjsonBody() {
    }

    /**
     * @return every physical line (so that list index + 1 is the line number people see), without its
     * line terminator
     * @throws ApiException 413 if the body is larger than {@code maxBytes}
     */
    static List<byte[]> lines(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ApiException(400, "unreadable_body", "could not read the request body: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new ApiException(413, "body_too_large", "request body is larger than " + maxBytes
                    + " bytes; nothing was written, split it into smaller pushes");
        }
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                if (i < bytes.length || start < bytes.length) {
                    lines.add(Arrays.copyOfRange(bytes, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
