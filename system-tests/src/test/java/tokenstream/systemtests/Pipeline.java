package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import tokenstream.localstack.LocalStack;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline of this test JVM: the real broker and ingest, relay and consumers as processes
 * built by this reactor, on free ports. Started once, on first use; stopped when the JVM exits.
 */
final class Pipeline {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;

    private Pipeline() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            try {
                Path repoRoot = Path.of(System.getProperty("tokenstream.repo-root", ".."));
                LocalStack.Builder builder = LocalStack.builder().withoutSecurity()
                        .repoRoot(repoRoot)
                        .dataDir(Files.createTempDirectory("tokenstream-system-"))
                        .brokerPort(0).relayPort(0).ingestPort(0).consumersPort(0);
                if (TestcontainersKafka.requested()) {
                    // The services' topics step creates the topics on the container's broker.
                    builder.externalKafka(TestcontainersKafka.bootstrapServers());
                }
                LocalStack started = builder.build().start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "pipeline-stop"));
                stack = started;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stack;
    }

    /** An HTTP answer with its JSON body. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    static Answer post(String url, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Polls the audit consumer until the response satisfies {@code done}. */
    static JsonNode auditedResponse(String responseId, Predicate<JsonNode> done) {
        return audited(stack().consumersUrl(), responseId, TIMEOUT, done);
    }

    /**
     * Polls the audit consumers at {@code consumersUrl} until their record of the response satisfies {@code done};
     * a consumers process that is not listening (restarting) is asked again.
     */
    static JsonNode audited(String consumersUrl, String responseId, Duration within, Predicate<JsonNode> done) {
        return await("audit record of " + responseId).atMost(within).pollInterval(Duration.ofMillis(200))
                .ignoreException(IllegalStateException.class)
                .until(() -> get(consumersUrl + "/v1/responses/" + responseId),
                        answer -> answer.status() == 200 && done.test(answer.body()))
                .body();
    }

    /** Whether an audit record says the response completed. */
    static boolean completed(JsonNode audit) {
        return "completed".equals(audit.path("status").asText());
    }

    /** Polls the service's readiness until it is UP; a process that is not listening yet is asked again. */
    static void awaitReady(String serviceUrl, Duration within) {
        await(serviceUrl + " ready").atMost(within).pollInterval(Duration.ofMillis(500))
                .ignoreException(IllegalStateException.class)
                .until(() -> get(serviceUrl + "/q/health/ready").status() == 200);
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : ProtocolJson.mapper().readTree(response.body());
            } catch (IOException notJson) {
                // left null: the caller asserts on status and raw body
            }
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A pause that is part of what a test does (a client's pace, a sampling period); never a wait for a condition. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis); // a pause the test means (see above), not a wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
