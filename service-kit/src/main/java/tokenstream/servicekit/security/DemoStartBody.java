package tokenstream.servicekit.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * What an anonymous demo start may ask for. Whatever costs (model, length, pace, tools) or holds a generation slot
 * for nothing (simulated stalls) is dropped, and so is free-form metadata; ingest then sets the demo's fixed length
 * and pace. The relay applies it before forwarding an anonymous demo start and ingest again to every start made with
 * only the {@link Scopes#DEMO} grant, so neither has to trust the other to have done it.
 */
public final class DemoStartBody {
    /** The prompt, in either form; its size is bounded by ingest's prompt limit like any start's. */
    private static final Set<String> FIELDS = Set.of("prompt", "messages");
    /** They change what the simulated answer looks like, not what it costs; an unwatched demo stops sooner. */
    private static final Set<String> OPTIONS = Set.of("seed", "response_format", "cancel_when_unwatched_for");

    private DemoStartBody() {
    }

    /**
     * The request with only what a demo start may set, or the request unchanged when it is not a JSON object (ingest
     * refuses that as it refuses it from anyone).
     */
    public static JsonNode of(JsonNode request) {
        if (request == null || !request.isObject()) {
            return request;
        }
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        FIELDS.stream().filter(request::has).forEach(field -> kept.set(field, request.get(field)));
        JsonNode options = request.get("options");
        if (options != null && options.isObject()) {
            ObjectNode keptOptions = kept.putObject("options");
            OPTIONS.stream().filter(options::has).forEach(option -> keptOptions.set(option, options.get(option)));
        }
        return kept;
    }
}
