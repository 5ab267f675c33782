package tokenstream.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a response stands, as the audit consumer sees it. */
public enum ResponseStatus {
    /** Started, no terminal event yet. */
    IN_PROGRESS,
    /** Ended with {@code response.completed}. */
    COMPLETED,
    /** Ended with {@code response.failed}. */
    FAILED,
    /** Ended with {@code response.cancelled}. */
    CANCELLED,
    /** No terminal event and no activity for the abandon timeout: its producer is presumed dead. */
    ABANDONED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ResponseStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
