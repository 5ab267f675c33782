package tokenstream.consumers.assembly;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tokenstream.protocol.AssembledResponse;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;

/**
 * {@link AssembledResponse} in the wire JSON of {@link ProtocolJson}: the value of the responses topic,
 * of the {@value ResponseTopology#RESPONSES_STORE} store and of {@code GET /v1/responses/{id}}, so all three agree.
 */
public final class AssembledResponseJson {

    private AssembledResponseJson() {
    }

    public static byte[] write(AssembledResponse response) {
        try {
            return ProtocolJson.mapper().writeValueAsBytes(response);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot serialise assembled response " + response.responseId(), e);
        }
    }

    public static AssembledResponse read(byte[] json) {
        try {
            return ProtocolJson.mapper().readValue(json, AssembledResponse.class);
        } catch (IOException e) {
            throw new SerializationException("not an assembled response: " + e.getMessage(), e);
        }
    }

    /** For state stores; {@code null} stays {@code null} (a tombstone). */
    public static Serde<AssembledResponse> serde() {
        return Serdes.serdeFrom(
                (topic, response) -> response == null ? null : write(response),
                (topic, bytes) -> bytes == null ? null : read(bytes));
    }
}
