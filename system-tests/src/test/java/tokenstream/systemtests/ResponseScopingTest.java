package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.kafkalocal.PortAllocator;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.localstack.ServiceLaunch;
import tokenstream.localstack.ServiceProcess;
import tokenstream.protocol.ProtocolJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Response ids belong to their conversation and producer, on the stack as deployed (security on, real broker,
 * services as processes): a response id of one conversation cannot be written into from another, which would corrupt
 * its audit record; ownership survives an ingest restart and is shared by every ingest instance.
 *
 * <p>Producers: the gateway's API key (every conversation) and {@code produce} tokens naming one conversation (the
 * application backend's), which are a different producer.
 */
class ResponseScopingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String GATEWAY = "Bearer " + SecuredPipeline.GATEWAY_KEY;
    private static LocalStack stack;

    @BeforeAll
    static void securedStack() {
        stack = SecuredPipeline.stack();
    }

    private record Answer(int status, JsonNode body, String raw) {
        String code() {
            return body == null ? null : body.path("error").path("code").asText(null);
        }
    }

    private static String id(String what) {
        return what + "-" + UUID.randomUUID();
    }

    private static String producerOf(String conversationId) {
        return "Bearer " + SecuredPipeline.token("produce", conversationId, Duration.ofMinutes(5));
    }

    private static Answer pushTo(String ingestUrl, String conversationId, String responseId, String authorization,
                                 String... lines) {
        String body = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        return send(HttpRequest.newBuilder(URI.create(ingestUrl + "/v1/conversations/" + conversationId + "/responses/"
                        + responseId + "/chunks")).header("Content-Type", "application/x-ndjson")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static Answer push(String conversationId, String responseId, String authorization, String... lines) {
        return pushTo(stack.ingestUrl(), conversationId, responseId, authorization, lines);
    }

    private static String started() {
        return "{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway\"}";
    }

    private static String text(long seq, String text) {
        return "{\"type\":\"text.delta\",\"seq\":" + seq + ",\"text\":\"" + text + "\"}";
    }

    private static String completed(long seq) {
        return "{\"type\":\"response.completed\",\"seq\":" + seq + ",\"finish_reason\":\"stop\"}";
    }

    /** The conversation's audit record of the response once it satisfies {@code done}. */
    private static Answer audited(String conversationId, String responseId, Predicate<Answer> done) {
        String reader = "Bearer " + SecuredPipeline.token("read", conversationId, Duration.ofMinutes(5));
        return await("the audit record of " + responseId).atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> send(HttpRequest.newBuilder(URI.create(stack.consumersUrl() + "/v1/conversations/"
                        + conversationId + "/responses/" + responseId)).header("Authorization", reader).GET()), done);
    }

    private static Answer auditedEnd(String conversationId, String responseId) {
        return audited(conversationId, responseId, answer -> answer.status() == 200
                && !"in_progress".equals(answer.body().path("status").asText()));
    }

    private static void awaitReady(String baseUrl) {
        await(baseUrl + " ready").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).GET()),
                        answer -> answer.status() == 200);
    }

    @Test
    void aPushIntoAnotherConversationUnderAResponseIdOfThisOneIs409AndItsAuditRecordIsUnchanged() {
        String a = id("scope-a");
        String b = id("scope-b");
        String rid = id("resp");
        assertEquals(200, push(a, rid, GATEWAY, started(), text(1, "the real answer"), completed(2)).status());
        String before = auditedEnd(a, rid).raw();

        // The gateway may produce everywhere, and it owns rid: only the conversation tells the two responses apart.
        Answer sameProducer = push(b, rid, GATEWAY, started(), text(1, "forged"), completed(2));
        Answer otherProducer = push(b, rid, producerOf(b), started(), text(1, "forged"), completed(2));

        assertEquals(409, sameProducer.status(), sameProducer.raw());
        assertEquals("response_id_taken", sameProducer.code());
        assertEquals(409, otherProducer.status(), otherProducer.raw());
        assertEquals("response_id_taken", otherProducer.code());
        // Once a later response of conversation B is audited, anything written to B before it has been too.
        String sentinel = id("sentinel");
        assertEquals(200, push(b, sentinel, GATEWAY, started(), completed(1)).status());
        auditedEnd(b, sentinel);
        assertEquals(before, audited(a, rid, answer -> true).raw());
        assertEquals(404, audited(b, rid, answer -> true).status());
    }

    @Test
    void aStartedGenerationsResponseIdCannotBePushedIntoFromAnotherConversation() {
        String a = id("scope-start");
        Answer start = send(HttpRequest.newBuilder(URI.create(stack.ingestUrl() + "/v1/conversations/" + a
                        + "/responses")).header("Content-Type", "application/json").header("Authorization", GATEWAY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"prompt\":\"hi\",\"options\":{\"max_tokens\":3,\"tokens_per_second\":100}}")));
        assertEquals(202, start.status(), start.raw());
        String rid = start.body().path("response_id").asText();

        String b = id("scope-start-other");
        Answer refused = push(b, rid, producerOf(b), started(), completed(1));

        assertEquals(409, refused.status(), refused.raw());
        assertEquals("response_id_taken", refused.code());
    }

    @Test
    void anEmptyPushDoesNotReserveAResponseId() {
        String rid = id("resp-empty");
        String squatter = id("scope-squat");
        Answer empty = push(squatter, rid, producerOf(squatter));
        assertEquals(200, empty.status(), empty.raw());
        assertEquals(0, empty.body().path("accepted").asInt());

        Answer owner = push(id("scope-owner"), rid, GATEWAY, started(), completed(1));

        assertEquals(200, owner.status(), owner.raw());
    }

    @Test
    void ownershipSurvivesAnIngestRestart() {
        String a = id("scope-restart");
        String rid = id("resp-restart");
        assertEquals(200, push(a, rid, GATEWAY, started(), text(1, "before ")).status());

        stack.ingest().restart();
        awaitReady(stack.ingestUrl());

        Answer otherProducer = push(a, rid, producerOf(a), started(), text(1, "intruder"));
        String b = id("scope-restart-other");
        Answer otherConversation = push(b, rid, producerOf(b), started());
        assertEquals(403, otherProducer.status(), otherProducer.raw());
        assertEquals("not_owner", otherProducer.code());
        assertEquals(409, otherConversation.status(), otherConversation.raw());
        assertEquals("response_id_taken", otherConversation.code());
        // The restarted instance has lost the response's progress (not its owner): the gateway resends from seq 0.
        Answer owner = push(a, rid, GATEWAY, started(), text(1, "before "), text(2, "after"), completed(3));
        assertEquals(200, owner.status(), owner.raw());
        assertEquals("before after", auditedEnd(a, rid).body().path("text").asText());
    }

    @Test
    void twoIngestInstancesShareOwnership() {
        int port = PortAllocator.claim(0, "ingest");
        Path repoRoot = Path.of(System.getProperty("tokenstream.repo-root", ".."));
        ServiceLaunch launch = new ServiceLaunch("ingest-" + port, Service.INGEST.appJar(repoRoot), port,
                stack.bootstrapServers(), Map.of(
                "tokenstream.security.enabled", "true",
                "tokenstream.security.jwt-secret-file", stack.securitySecretFile().toString(),
                "tokenstream.security.producer-api-keys", "gateway:" + SecuredPipeline.GATEWAY_KEY,
                "tokenstream.ingest.relay-url", stack.relayUrl()),
                "384m", stack.logDir().resolve("ingest-" + port + ".log"), false);
        try (ServiceProcess second = new ServiceProcess(launch).start()) {
            awaitReady(second.url());
            String a = id("scope-two");
            String first = id("resp-on-first");
            String onSecond = id("resp-on-second");

            assertEquals(200, pushTo(stack.ingestUrl(), a, first, GATEWAY, started()).status());
            assertEquals(200, pushTo(second.url(), a, onSecond, GATEWAY, started()).status());
            String b = id("scope-two-other");
            Answer refusedBySecond = pushTo(second.url(), b, first, producerOf(b), started());
            Answer refusedByFirst = pushTo(stack.ingestUrl(), b, onSecond, producerOf(b), started());
            Answer notOwnerOnSecond = pushTo(second.url(), a, first, producerOf(a), started());

            assertEquals(409, refusedBySecond.status(), refusedBySecond.raw());
            assertEquals("response_id_taken", refusedBySecond.code());
            assertEquals(409, refusedByFirst.status(), refusedByFirst.raw());
            assertEquals("response_id_taken", refusedByFirst.code());
            assertEquals(403, notOwnerOnSecond.status(), notOwnerOnSecond.raw());
            assertEquals("not_owner", notOwnerOnSecond.code());
        }
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isEmpty() ? null : ProtocolJson.mapper().readTree(response.body());
            } catch (IOException notJson) {
                // left null: the caller asserts on status and raw body
            }
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            // A service that is restarting refuses connections: that is an answer too.
            return new Answer(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
