package tokenstream.ingest.generation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.kafka.ChunkWriter;
import tokenstream.ingest.kafka.ChunkWriterConfig;
import tokenstream.ingest.kafka.KafkaAvailability;
import tokenstream.ingest.output.OutputConfig;
import tokenstream.ingest.output.OutputGuard;
import tokenstream.ingest.output.OutputRules;
import tokenstream.ingest.security.Principal;
import tokenstream.ingest.security.ResponseOwners;
import tokenstream.ingest.tracing.ResponseTrace;
import tokenstream.ingest.tracing.ResponseTracing;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;
import tokenstream.ingest.upstream.ModelUpstream;
import tokenstream.ingest.upstream.SelectedUpstream;
import tokenstream.protocol.ChunkEvent;
import tokenstream.protocol.EventId;
import tokenstream.servicekit.web.ApiError;
import tokenstream.servicekit.web.ApiException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** How often a start waiting for its acknowledgement looks whether Kafka has become known unreachable. */
    private static final long ACK_POLL_MILLIS = 100;

    private final ChunkWriter writer;
    private final SelectedUpstream upstream;
    private final GenerationRegistry registry;
    private final GenerationConfig config;
    private final OutputConfig output;
    private final KafkaAvailability kafka;
    private final ResponseOwners owners;
    private final ResponseTracing tracing;
    private final long ackWaitMillis;
    private final ExecutorService startSends = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "start-send");
        thread.setDaemon(true);
        return thread;
    });

    public GenerationService(ChunkWriter writer, SelectedUpstream upstream, GenerationRegistry registry,
                             GenerationConfig config, ChunkWriterConfig writerConfig, OutputConfig output,
                             KafkaAvailability kafka, ResponseOwners owners, ResponseTracing tracing) {
        this.writer = writer;
        this.tracing = tracing;
        this.owners = owners;
        this.upstream = upstream;
        this.registry = registry;
        this.config = config;
        this.output = output;
        this.kafka = kafka;
        // The producer fails a write within its delivery timeout; waiting a little longer means we
        // normally learn the real outcome instead of guessing.
        this.ackWaitMillis = writerConfig.deliveryTimeout().toMillis() + 5_000;
    }

    StartedGeneration start(String conversationId, GenerationRequest request, Principal producer) {
        ModelUpstream model = upstream.get();
        model.validate(request);
        refuseRunaway(model, request);
        OutputRules rules = OutputRules.from(request.options().raw());
        Duration unwatchedGrace = UnwatchedPolicy.from(request.options().raw());
        if (!registry.accepting()) {
            throw shuttingDown();
        }
        kafka.requireAvailable();
        if (!registry.tryAdmit()) {
            throw new ApiException(429, "too_many_generations", "this ingest instance runs "
                    + config.maxConcurrentGenerations() + " generations already; retry shortly",
                    Map.of(ApiError.RETRY_AFTER_DETAIL, RETRY_AFTER_SECONDS));
        }
        String responseId = ResponseIds.next();
        try {
            // Before response.started makes the id public, so nobody can claim it first; and before the generation
            // exists, whose clock (max-generation-duration) must not run while the claim waits for Kafka.
            owners.claim(conversationId, responseId, producer);
        } catch (RuntimeException e) {
            registry.release();
            throw e;
        }
        ResponseTrace trace = tracing.begin(conversationId, responseId, request.model(), model.name());
        Generation generation = new Generation(conversationId, responseId, writer,
                new OutputGuard(rules, output.maxResponseBytes()), unwatchedGrace, trace);
        EventId position;
        try {
            ChunkEvent.ResponseStarted started = new ChunkEvent.ResponseStarted(conversationId, responseId, 0,
                    Instant.now(), request.model(), startMetadata(request, model),
                    ChunkEvent.ResponseStarted.SOURCE_GENERATION);
            // Sent from the pool: once the producer has lost the cluster, send() itself blocks for max.block.ms,
            // and this caller must be free to answer 503 as soon as Kafka is known unreachable.
            position = awaitStarted(generation, CompletableFuture.supplyAsync(() -> writer.write(started, trace.headers()), startSends)
                    .thenCompose(written -> written));
        } catch (RuntimeException e) {
            registry.release();
            trace.notStarted(e);
            throw e;
        }
        if (!registry.track(generation)) {
            ApiException refused = shuttingDown();
            trace.notStarted(refused);
            throw refused;
        }
        trace.upstreamOpened();
        try {
            generation.attach(model.open(request, generation));
        } catch (RuntimeException e) {
            generation.onError("the upstream could not be opened: " + e.getMessage(), e);
        }
        return new StartedGeneration(conversationId, responseId, request.model(), position);
    }

    /** A start that could only finish after the maximum duration would be cut off; it is refused instead. */
    private void refuseRunaway(ModelUpstream model, GenerationRequest request) {
        Duration limit = config.maxGenerationDuration();
        model.plannedDuration(request).filter(planned -> planned.compareTo(limit) > 0).ifPresent(planned -> {
            throw new InvalidGenerationRequestException("options.max_tokens / options.tokens_per_second takes "
                    + planned.toSeconds() + " s, longer than the maximum generation duration of " + limit.toSeconds()
                    + " s (tokenstream.ingest.max-generation-duration); ask for fewer tokens or a faster pace");
        });
    }

    private EventId awaitStarted(Generation generation, CompletableFuture<EventId> started) {
        try {
            return awaitAck(started);
        } catch (KafkaUnavailableWhileWaiting e) {
            // The record may still land once Kafka is back: it must then not stay a response without an end.
            started.thenRun(() -> generation.abort("start_timeout", "response.started was acknowledged too late"));
            throw kafka.unavailable(e.reason);
        } catch (ExecutionException e) {
            throw kafka.unavailable("the response could not be recorded in Kafka: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            // If the record lands after all, it must not stay a response without an end.
            started.thenRun(() -> generation.abort("start_timeout", "response.started was acknowledged too late"));
            throw kafka.unavailable("Kafka did not acknowledge the response in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.thenRun(() -> generation.abort("shutdown", "ingest is shutting down"));
            throw shuttingDown();
        }
    }

    /**
     * Waits for the acknowledgement like {@code get(ackWaitMillis)}, but gives up as soon as Kafka is known
     * unreachable: a caller should not wait for the delivery timeout once the outcome is clear.
     */
    private EventId awaitAck(CompletableFuture<EventId> started)
            throws ExecutionException, TimeoutException, InterruptedException, KafkaUnavailableWhileWaiting {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ackWaitMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                return started.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(ACK_POLL_MILLIS)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                Optional<String> unavailable = kafka.unavailableReason();
                if (unavailable.isPresent()) {
                    throw new KafkaUnavailableWhileWaiting(unavailable.get());
                }
            }
        }
    }

    private static final class KafkaUnavailableWhileWaiting extends Exception {
        final String reason;

        KafkaUnavailableWhileWaiting(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
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

    @PreDestroy
    void stop() {
        startSends.shutdown();
    }

    private static ApiException shuttingDown() {
        return new ApiException(503, "shutting_down", "ingest is shutting down; retry on another instance");
    }
}
