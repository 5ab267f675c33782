package tokenstream.bench.producer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Drives token production through ingest's start API with the built-in simulator, so every event carries the
 * timestamp of the moment ingest accepted it and goes through ingest's real producer path. A generation emits
 * {@code tokens_per_second} events per second for {@code max_tokens} tokens, which sets the rate and the
 * duration of a load step.
 */
public final class Generations {
    private static final int CONCURRENT_REQUESTS = 32;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;

    public Generations(String ingestUrl) {
        this.ingestUrl = ingestUrl;
    }

    /**
     * Starts one generation on each conversation {@code <prefix><n>} for n in [0, conversations), each at
     * {@code tokensPerSecond} until about {@code seconds} after the last of them started; returns how many ingest
     * accepted.
     *
     * <p>Starting thousands takes seconds (5,000 took about 10 s here). With one length for all, the first ones
     * ended that much before the measurement window did, and a step offered fewer events than it said (scenario 3
     * delivered 56 % of its "offered" rate). So each generation also lasts the start-up time still ahead of it,
     * estimated from the rate of the starts so far.
     */
    public int start(String prefix, int conversations, double tokensPerSecond, double seconds) {
        long began = System.nanoTime();
        Semaphore permits = new Semaphore(CONCURRENT_REQUESTS);
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();
        for (int n = 0; n < conversations; n++) {
            int maxTokens = Math.max(1, (int) Math.min(4096,
                    Math.round(tokensPerSecond * (seconds + startsStillAhead((System.nanoTime() - began) / 1e9, n, conversations)))));
            String body = "{\"prompt\":\"benchmark\",\"options\":{\"seed\":" + n + ",\"max_tokens\":" + maxTokens
                    + ",\"tokens_per_second\":" + tokensPerSecond + "}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/conversations/" + prefix + n + "/responses"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            permits.acquireUninterruptibly();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> {
                        permits.release();
                        return error == null && response.statusCode() == 202;
                    }));
        }
        return (int) answers.stream().filter(CompletableFuture::join).count();
    }

    /**
     * Seconds until the last start, at the rate of the {@code started} in {@code elapsedSeconds} so far; 0 while the
     * first permits' worth go out at once, which tells no rate yet.
     */
    static double startsStillAhead(double elapsedSeconds, int started, int conversations) {
        if (started < CONCURRENT_REQUESTS) {
            return 0;
        }
        return elapsedSeconds * (conversations - started) / started;
    }
}
