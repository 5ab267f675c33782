package tokenstream.ingest.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.generation.GenerationRegistry;
import tokenstream.ingest.upstream.SelectedUpstream;
import tokenstream.servicekit.security.DemoStartBody;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Starts made with only the demo grant: anyone who can reach the relay can make them, so what they may cost is fixed
 * here rather than trusted from the relay. The request keeps only what {@link DemoStartBody} allows and gets the
 * demo's length and pace; the upstream must be the simulator unless {@code allow-real-upstream}; at most
 * {@code max-open-generations} run at once on this instance.
 */
@ApplicationScoped
public class DemoStarts {
    static final String SIMULATOR = "simulator";

    private final DemoConfig config;
    private final SelectedUpstream upstream;
    private final GenerationRegistry registry;
    private final Semaphore open;
    private final int retryAfterSeconds;

    public DemoStarts(DemoConfig config, SelectedUpstream upstream, GenerationRegistry registry, MeterRegistry meters) {
        this.config = config;
        this.upstream = upstream;
        this.registry = registry;
        this.open = new Semaphore(config.maxOpenGenerations());
        // About how long one demo answer takes, so the earliest a slot can be free again.
        this.retryAfterSeconds = (int) Math.max(1, Math.ceil(config.maxTokens() / config.tokensPerSecond()));
        Gauge.builder("tokenstream.ingest.demo.generations.open", open,
                        slots -> config.maxOpenGenerations() - slots.availablePermits())
                .description("demo generations running on this instance").register(meters);
    }

    /**
     * Starts the demo version of {@code request} with {@code starter}, which starts any generation.
     *
     * @param responseIdOf the response id of what {@code starter} started, whose end frees its demo slot
     * @throws ApiException 403 {@code demo_unavailable} on a real upstream not allowed for the demo, 429
     *                      {@code too_many_demo_generations} (with Retry-After) above the cap
     */
    public <T> T start(JsonNode request, Function<JsonNode, T> starter, Function<T, String> responseIdOf) {
        if (!config.allowRealUpstream() && !upstream.get().name().equals(SIMULATOR)) {
            throw new ApiException(403, "demo_unavailable", "the demo runs only on the simulator upstream");
        }
        JsonNode demoRequest = withFixedTerms(request);
        if (!open.tryAcquire()) {
            throw new ApiException(429, "too_many_demo_generations", "at most " + config.maxOpenGenerations()
                    + " demo generations run at once; retry shortly",
                    Map.of(ApiError.RETRY_AFTER_DETAIL, retryAfterSeconds));
        }
        T started;
        try {
            started = starter.apply(demoRequest);
        } catch (RuntimeException e) {
            open.release();
            throw e;
        }
        registry.whenEnded(responseIdOf.apply(started), open::release);
        return started;
    }

    private JsonNode withFixedTerms(JsonNode request) {
        JsonNode kept = DemoStartBody.of(request);
        if (kept instanceof ObjectNode object) {
            ObjectNode options = object.has("options") ? (ObjectNode) object.get("options") : object.putObject("options");
            options.put("max_tokens", config.maxTokens());
            options.put("tokens_per_second", config.tokensPerSecond());
        }
        return kept;
    }
}
