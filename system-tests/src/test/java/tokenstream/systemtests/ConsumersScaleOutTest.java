package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.ServiceProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two consumers instances in one Kafka Streams group, each owning part of the chunks partitions: either one
 * answers every audit read the same (forwarding a conversation's reads to the owner of its partition, gathering
 * statistics and the response-id index from both), and while the group rebalances an answer is right or a 503 with
 * Retry-After, never a wrong "not found".
 */
class ConsumersScaleOutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GATEWAY_KEY = "scale-out-gateway-key-7d2e";
    private static final int RESPONSES = 24;
    private static final String MODEL = "scale-" + UUID.randomUUID();

    private static LocalStack stack;
    private static ServiceProcess second;
    private static final List<Pushed> pushed = new ArrayList<>();

    private record Pushed(String conversationId, String responseId, String text) {
    }

    private record Answer(int status, String body, String retryAfter) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void twoConsumersInstances() throws IOException {
        stack = LocalStack.builder().repoRoot(Path.of(System.getProperty("tokenstream.repo-root", "..")))
                .dataDir(Files.createTempDirectory("tokenstream-scale-out-"))
                .property(tokenstream.localstack.Service.INGEST, "tokenstream.security.producer-api-keys",
                        "gateway:" + GATEWAY_KEY)
                .build().start();
        second = stack.startConsumers(0);
        awaitRunning(stack.consumersUrl());
        awaitRunning(second.url());
        for (int i = 0; i < RESPONSES; i++) {
            Pushed response = new Pushed("scale-" + i + "-" + UUID.randomUUID(), "resp-" + UUID.randomUUID(),
                    "answer " + i);
            push(response);
            pushed.add(response);
        }
        // Written before the reads: each is audited once either instance serves it completed.
        pushed.forEach(response -> until(() -> conversationRead(stack.consumersUrl(), response),
                answer -> answer.status() == 200 && "completed".equals(answer.json().path("status").asText())));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyResponseReadsTheSameThroughEitherInstance() {
        for (Pushed response : pushed) {
            Answer first = conversationRead(stack.consumersUrl(), response);
            Answer other = conversationRead(second.url(), response);
            assertEquals(200, first.status(), first.body());
            assertEquals(response.text(), first.json().path("text").asText(), first.body());
            assertEquals(first, other, "the two instances answer the same for " + response);
        }
    }

    @Test
    void aResponseFoundByItsIdAloneReadsTheSameThroughEitherInstance() {
        for (Pushed response : pushed) {
            Answer first = byIdRead(stack.consumersUrl(), response);
            Answer other = byIdRead(second.url(), response);
            assertEquals(200, first.status(), first.body());
            assertEquals(response.conversationId(), first.json().path("conversation_id").asText(), first.body());
            assertEquals(first.body(), other.body(), "the two instances answer the same for " + response);
        }
    }

    @Test
    void aTranscriptReadsTheSameThroughEitherInstance() {
        for (Pushed response : pushed.subList(0, 6)) {
            String path = "/v1/conversations/" + response.conversationId() + "/transcript";
            String token = token("read", response.conversationId());
            Answer first = get(stack.consumersUrl(), path, token);
            Answer other = get(second.url(), path, token);
            assertEquals(200, first.status(), first.body());
            assertEquals(response.responseId(), first.json().path("responses").get(0).path("response_id").asText());
            assertEquals(first, other);
        }
    }

    @Test
    void statisticsAreTheWholeGroupsThroughEitherInstance() {
        Answer first = until(() -> get(stack.consumersUrl(), "/v1/stats?model=" + MODEL, serverToken()),
                answer -> answer.status() == 200 && countOf(answer) == RESPONSES);
        Answer other = get(second.url(), "/v1/stats?model=" + MODEL, serverToken());
        assertEquals(RESPONSES, countOf(first), first.body());
        assertEquals(first, other);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void whileTheGroupRebalancesEveryReadIsRightOrA503() throws InterruptedException {
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        List<String> wrong = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                for (Pushed response : pushed) {
                    Answer answer = conversationRead(stack.consumersUrl(), response);
                    reads.incrementAndGet();
                    if (answer.status() == 503 && answer.retryAfter() != null) {
                        unavailable.incrementAndGet();
                    } else if (answer.status() != 200 || !response.text().equals(answer.json().path("text").asText())) {
                        synchronized (wrong) {
                            wrong.add(response + " -> " + answer);
                        }
                    }
                }
            }
        }, "scale-out-reader");
        reader.start();
        try {
            // The second instance leaves (its partitions move to the first) and comes back (they move again).
            second.stop();
            awaitAllServed(stack.consumersUrl());
            second.start();
            awaitRunning(second.url());
            awaitAllServed(second.url());
            awaitAllServed(stack.consumersUrl());
        } finally {
            reading.set(false);
            reader.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertTrue(reads.get() > RESPONSES, "reads went on during the rebalances: " + reads.get());
        assertEquals(List.of(), wrong, reads.get() + " reads, " + unavailable.get() + " answered 503");
    }

    private static long countOf(Answer stats) {
        long count = 0;
        for (JsonNode window : stats.json().path("windows")) {
            count += window.path("count").asLong();
        }
        return count;
    }

    private static void awaitAllServed(String baseUrl) {
        for (Pushed response : pushed) {
            until(() -> conversationRead(baseUrl, response), answer -> answer.status() == 200);
        }
    }

    private static void awaitRunning(String baseUrl) {
        until(() -> get(baseUrl, "/q/health/ready", null), answer -> answer.status() == 200);
    }

    private static Answer conversationRead(String baseUrl, Pushed response) {
        return get(baseUrl, "/v1/conversations/" + response.conversationId() + "/responses/" + response.responseId(),
                token("read", response.conversationId()));
    }

    private static Answer byIdRead(String baseUrl, Pushed response) {
        return get(baseUrl, "/v1/responses/" + response.responseId(), serverToken());
    }

    private static String serverToken() {
        return token("read", "*");
    }

    private static String token(String scope, String conversationId) {
        return "Bearer " + SecuredPipeline.token(stack.securitySecretFile(), scope, conversationId,
                Duration.ofMinutes(10));
    }

    private static void push(Pushed response) {
        String body = "{\"type\":\"response.started\",\"seq\":0,\"model\":\"" + MODEL + "\"}\n"
                + "{\"type\":\"text.delta\",\"seq\":1,\"text\":\"" + response.text() + "\"}\n"
                + "{\"type\":\"response.completed\",\"seq\":2,\"finish_reason\":\"stop\"}\n";
        Answer answer = send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/v1/conversations/"
                        + response.conversationId() + "/responses/" + response.responseId() + "/chunks"))
                .header("Content-Type", "application/x-ndjson").header("Authorization", "Bearer " + GATEWAY_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, answer.status(), answer.body());
    }

    private static Answer get(String baseUrl, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer until(java.util.function.Supplier<Answer> read, java.util.function.Predicate<Answer> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Answer last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("not reached within " + TIMEOUT + "; last answer " + last);
            }
            try {
                Thread.sleep(200); // a bounded polling loop
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }
}
