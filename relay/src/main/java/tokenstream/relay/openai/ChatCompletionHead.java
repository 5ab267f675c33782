package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.ChunkEvent;

/**
 * The fields every object of one response repeats: {@code id} (the response id), {@code created} (when it started,
 * epoch seconds) and {@code model}, learnt from the response's events. Taken from the events rather than the
 * clock, so a resumed stream repeats them exactly.
 */
final class ChatCompletionHead {
    private String id;
    private long created;
    private String model = "";

    void observe(ChunkEvent event) {
        if (id == null) {
            id = event.responseId();
            created = event.timestamp() == null ? 0 : event.timestamp().getEpochSecond();
        }
        if (event instanceof ChunkEvent.ResponseStarted started) {
            created = started.timestamp() == null ? created : started.timestamp().getEpochSecond();
            model = started.model() == null ? "" : started.model();
        }
    }

    /** A new object of this type with the response's id, created and model. */
    ObjectNode object(String type) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("id", id).put("object", type).put("created", created).put("model", model);
        object.putNull("system_fingerprint");
        return object;
    }
}
