package tokenstream.consumers.stats;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;

/** JSON (wire conventions of {@link ProtocolJson}) for the stats store and the response-stats topic. */
public final class WindowStatsJson {

    private WindowStatsJson() {
    }

    public static byte[] write(Object value) {
        try {
            return ProtocolJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("cannot serialise " + value, e);
        }
    }

    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return ProtocolJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new SerializationException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** For the stats store; {@code null} stays {@code null}. */
    public static Serde<WindowStats> serde() {
        return Serdes.serdeFrom(
                (topic, stats) -> stats == null ? null : write(stats),
                (topic, bytes) -> bytes == null ? null : read(bytes, WindowStats.class));
    }
}
