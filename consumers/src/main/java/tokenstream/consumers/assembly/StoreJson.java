package tokenstream.consumers.assembly;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;

/** State-store values in the wire JSON of {@link ProtocolJson}, so that a changelog is as readable as a topic. */
final class StoreJson {

    private StoreJson() {
    }

    /** {@code null} stays {@code null} (a tombstone). */
    static <T> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> {
                    if (value == null) {
                        return null;
                    }
                    try {
                        return ProtocolJson.mapper().writeValueAsBytes(value);
                    } catch (IOException e) {
                        throw new SerializationException("cannot write " + type.getSimpleName(), e);
                    }
                },
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    try {
                        return ProtocolJson.mapper().readValue(bytes, type);
                    } catch (IOException e) {
                        throw new SerializationException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
                    }
                });
    }
}
