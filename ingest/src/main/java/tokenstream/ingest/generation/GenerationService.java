package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.output.OutputGuard;
import tokenstream.ingest.output.OutputRules;
import tokenstream.ingest.security.Principal;
import tokenstream.ingest.security.ResponseOwners;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.ModelUpstream;
import tokenstream.ingest.upstream.SelectedUpstream;
import tokenstream.ingest.web.ApiException;
import tokenstream.ingest.web.ErrorMapper;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts a generation: writes {@code response.started}, waits until it is acknowledged (so the caller
 * gets a real position to stream from), then lets the upstream run asynchronously.
 */
@ApplicationScoped
public class GenerationService {
    /** What a refused start is told to wait; generations last seconds, so slots free up quickly. */
    static final int RETRY_AFTER_SECONDS = 1;

    private final ChunkWriter writer;
    private final SelectedUpstream upstream;
    private final GenerationRegistry registry;
    private final GenerationConfig config;
    private final ResponseOwners owners;
    private final long ackWaitMillis;

    public GenerationService(ChunkWriter writer, SelectedUpstream upstream, GenerationRegistry registry,
                             GenerationConfig config, ChunkWriterConfig writerConfig, ResponseOwners owners) {
        this.writer = writer;
        this.owners = owners;
        this.upstream = upstream;
        this.registry = registry;
        this.config = config;
        // The producer fails a write within its delivery timeout; waiting a little longer means we
        // normally learn the real outcome instead of guessing.
        this.ackWaitMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
    }

    StartedGeneration start(String conversationId, GenerationRequest request, Principal producer) {
        ModelUpstream model = upstream.get();
        model.validate(request);
        OutputRules rules = OutputRules.from(request.options().raw());
        Duration unwatchedGrace = UnwatchedPolicy.from(request.options().raw());
        if (!registry.accepting()) {
            throw shuttingDown();
        }
        if (!registry.tryAdmit()) {
            throw new ApiException(429, "too_many_generations", "this ingest instance runs "
                    + config.maxConcurrentGenerations() + " generations already; retry shortly",
                    Map.of(ErrorMapper.RETRY_AFTER_DETAIL, RETRY_AFTER_SECONDS));
        }
        String responseId = ResponseIds.next();
        Generation generation = new Generation(conversationId, responseId, writer,
                new OutputGuard(rules, config.maxOutputBytes()), unwatchedGrace);
        EventId position;
        try {
            // Before response.started makes the id public, so nobody can claim it first.
            owners.claim(conversationId, responseId, producer);
            position = awaitStarted(generation, writer.write(new ChunkEvent.ResponseStarted(
                    conversationId, responseId, 0, Instant.now(), request.model(), startMetadata(request, model),
                    ChunkEvent.ResponseStarted.SOURCE_GENERATION)));
        } catch (RuntimeException e) {
            registry.release();
            throw e;
        }
        if (!registry.track(generation)) {
            throw shuttingDown();
        }
        try {
            generation.attach(model.open(request, generation));
        } catch (RuntimeException e) {
            generation.onError("the upstream could not be opened: " + e.getMessage(), e);
        }
        return new StartedGeneration(conversationId, responseId, request.model(), position);
    }

    private EventId awaitStarted(Generation generation, CompletableFuture<EventId> started) {
        try {
            return started.get(ackWaitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ApiException(503, "kafka_unavailable",
                    "the response could not be recorded in Kafka: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            // If the record lands after all, it must not stay a response without an end.
            started.thenRun(() -> generation.abort("start_timeout", "response.started was acknowledged too late"));
            throw new ApiException(503, "kafka_unavailable", "Kafka did not acknowledge the response in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.thenRun(() -> generation.abort("shutdown", "ingest is shutting down"));
            throw shuttingDown();
        }
    }

    private ObjectNode startMetadata(GenerationRequest request, ModelUpstream model) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        String prompt = request.promptText();
        metadata.put("upstream", model.name());
        metadata.put("prompt_chars", prompt.length());
        metadata.put("message_count", request.messages().size());
        if (prompt.length() <= config.promptEchoMaxChars()) {
            metadata.put("prompt", prompt);
        }
        metadata.set("options", request.options().raw());
        metadata.set("request_metadata", request.metadata());
        return metadata;
    }

    private static ApiException shuttingDown() {
        return new ApiException(503, "shutting_down", "ingest is shutting down; retry on another instance");
    }
}
