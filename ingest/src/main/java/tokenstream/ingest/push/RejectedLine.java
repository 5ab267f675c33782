package tokenstream.ingest.push;

import java.util.LinkedHashMap;
import java.util.Map;

/** A line of a push that cannot be accepted; processing stops at it. */
final class RejectedLine extends Exception {
    final int status;
    final String code;
    final Map<String, Object> details = new LinkedHashMap<>();

    RejectedLine(int status, String code, int line, String message) {
        super("line " + line + ": " + message, null, false, false);
        this.status = status;
        this.code = code;
        details.put("line", line);
    }

    RejectedLine with(String field, Object value) {
        details.put(field, value);
        return this;
    }
}
