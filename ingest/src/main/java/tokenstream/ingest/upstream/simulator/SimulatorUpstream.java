package tokenstream.ingest.upstream.simulator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import tokenstream.ingest.upstream.GenerationRequest;
import tokenstream.ingest.upstream.InvalidGenerationRequestException;
import tokenstream.ingest.upstream.ModelUpstream;
import tokenstream.ingest.upstream.UpstreamListener;
import tokenstream.ingest.upstream.UpstreamStream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model that needs no network: it "generates" {@link SimulatedScript} at a steady pace. All
 * generations share one small timer instead of holding a sleeping thread each.
 */
@ApplicationScoped
public class SimulatorUpstream implements ModelUpstream {
    public static final String NAME = "simulator";

    private final SimulatorConfig config;
    private final ScheduledExecutorService timer;

    public SimulatorUpstream(SimulatorConfig config) {
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(config.timerThreads(), r -> {
            Thread thread = new Thread(r, "simulator-timer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Cancelled generations must not leave their periodic task queued.
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void validate(GenerationRequest request) {
        int maxTokens = maxTokens(request);
        if (maxTokens < 1 || maxTokens > config.maxTokensLimit()) {
            throw new InvalidGenerationRequestException(
                    "options.max_tokens must be between 1 and " + config.maxTokensLimit() + ", got " + maxTokens);
        }
        double pace = tokensPerSecond(request);
        if (!(pace > 0) || pace > config.maxTokensPerSecond()) {
            throw new InvalidGenerationRequestException("options.tokens_per_second must be above 0 and at most "
                    + config.maxTokensPerSecond() + ", got " + pace);
        }
        SimulationFaults.from(request.options().raw());
    }

    @Override
    public Optional<Duration> plannedDuration(GenerationRequest request) {
        double seconds = maxTokens(request) / tokensPerSecond(request);
        return Optional.of(seconds >= Long.MAX_VALUE / 1_000_000_000.0 ? Duration.ofSeconds(Long.MAX_VALUE)
                : Duration.ofNanos((long) (seconds * 1_000_000_000L)));
    }

    @Override
    public UpstreamStream open(GenerationRequest request, UpstreamListener listener) {
        validate(request);
        SimulatedStream stream = new SimulatedStream(SimulatedPlan.of(request, maxTokens(request)),
                SimulatedScript.wordCount(request.promptText()), listener);
        stream.start(timer, tokensPerSecond(request));
        return stream;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private int maxTokens(GenerationRequest request) {
        return request.options().maxTokensIfSet().orElse(config.defaultMaxTokens());
    }

    private double tokensPerSecond(GenerationRequest request) {
        return request.options().tokensPerSecondIfSet().orElse(config.tokensPerSecond());
    }
}
