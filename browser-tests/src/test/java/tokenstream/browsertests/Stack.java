package tokenstream.browsertests;

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
 * The pipeline of this test JVM: the real broker, ingest, relay and consumers as processes built by this
 * reactor, on free ports. Started on first use, stopped when the JVM exits.
 */
final class Stack {
    static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static LocalStack stack;

    private Stack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                // These tests are about streaming in a browser, not access control (the security tests cover that).
                LocalStack.Builder builder = LocalStack.builder().withoutSecurity()
                        .repoRoot(Path.of(System.getProperty("tokenstream.repo-root", "..")))
                        .dataDir(Files.createTempDirectory("tokenstream-browser-"))
                        .brokerPort(0).relayPort(0).ingestPort(0).consumersPort(0);
                LocalStack started = builder.build().start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "browser-tests-stack-stop"));
                stack = started;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stack;
    }

    /** The audited response once {@code done} holds for it, polling the consumers service. */
    static JsonNode audited(String responseId, Predicate<JsonNode> done) {
        HttpResponse<String> answer = await("audit record of " + responseId).atMost(AUDIT_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get(get().consumersUrl() + "/v1/responses/" + responseId),
                        last -> last.statusCode() == 200 && done.test(json(last.body())));
        return json(answer.body());
    }

    /** The audited response once it has ended (any status but in_progress). */
    static JsonNode auditedEnd(String responseId) {
        return audited(responseId, r -> !r.path("status").asText().equals("in_progress"));
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A pause that is part of what a test does (a browser offline for a while); never a wait for a condition. */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis); // a pause the test means (see above), not a wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
