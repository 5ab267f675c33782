package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
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
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two ingest instances behind one gateway that sends each push of a response to whichever instance it likes:
 * every instance accepts a response's next push, because the chunks log, not one instance's memory, says how far
 * the response got — also after a restart, and an instance whose gateway moved away does not end the response as
 * idle while the other instance carries it on.
 */
class IngestScaleOutTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /**
     * The first instance's, short, so that a response it last saw goes idle there while the second carries it on;
     * the second keeps the default, so that its own restart does not outlast it.
     */
    private static final String PUSH_IDLE_TIMEOUT = "4s";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static ServiceProcess first;
    private static ServiceProcess second;

    private record Answer(int status, JsonNode body, String raw) {
    }

    @BeforeAll
    static void twoIngestInstances() throws IOException {
        stack = LocalStack.builder().withoutSecurity()
                .repoRoot(Path.of(System.getProperty("tokenstream.repo-root", "..")))
                .dataDir(Files.createTempDirectory("tokenstream-ingest-scale-out-"))
                .property(Service.INGEST, "tokenstream.ingest.push-idle-timeout", PUSH_IDLE_TIMEOUT)
                .build().start();
        first = stack.ingest();
        second = stack.startIngest(0, Map.of("tokenstream.ingest.push-idle-timeout", "2m"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aResponsePushedAlternatelyToTwoInstancesIsAcceptedWholeAndOnce() {
        String cid = "alternate-" + UUID.randomUUID();
        String rid = "resp-" + UUID.randomUUID();
        accepted(push(first, cid, rid, started(), text(1, "one ")), 2);
        accepted(push(second, cid, rid, text(2, "two ")), 1);
        accepted(push(first, cid, rid, text(3, "three ")), 1);
        accepted(push(second, cid, rid, text(4, "four"), completed(5)), 2);

        JsonNode audited = auditedEnd(cid, rid);
        assertEquals("completed", audited.path("status").asText(), audited.toString());
        assertEquals("one two three four", audited.path("text").asText());
        assertEquals(6, audited.path("event_count").asInt(), audited.toString());
        assertEquals(0, audited.path("integrity").path("duplicates").asInt(), audited.toString());
        assertEquals(0, audited.path("integrity").path("gaps").size(), audited.toString());
    }

    @Test
    void linesAnotherInstanceHasWrittenAreAnsweredAsDuplicates() {
        String cid = "retried-" + UUID.randomUUID();
        String rid = "resp-" + UUID.randomUUID();
        accepted(push(first, cid, rid, started(), text(1, "once")), 2);

        // The gateway never got the first answer and retries the same lines on the other instance.
        Answer retried = push(second, cid, rid, started(), text(1, "once"), completed(2));
        assertEquals(200, retried.status(), retried.raw());
        assertEquals(1, retried.body().path("accepted").asInt(), retried.raw());
        assertEquals(2, retried.body().path("duplicates").asInt(), retried.raw());
        assertEquals(2, retried.body().path("last_seq").asLong(), retried.raw());

        JsonNode audited = auditedEnd(cid, rid);
        assertEquals("once", audited.path("text").asText(), audited.toString());
        assertEquals(0, audited.path("integrity").path("duplicates").asInt(), audited.toString());
    }

    @Test
    void aRestartedInstanceContinuesAResponseItHadStarted() {
        String cid = "restart-" + UUID.randomUUID();
        String rid = "resp-" + UUID.randomUUID();
        accepted(push(second, cid, rid, started(), text(1, "before ")), 2);

        second.restart();
        accepted(push(second, cid, rid, text(2, "after")), 1);
        accepted(push(first, cid, rid, completed(3)), 1);

        JsonNode audited = auditedEnd(cid, rid);
        assertEquals("completed", audited.path("status").asText(), audited.toString());
        assertEquals("before after", audited.path("text").asText());
    }

    @Test
    void anInstanceTheGatewayMovedAwayFromDoesNotEndTheResponseAsIdle() throws InterruptedException {
        String cid = "moved-" + UUID.randomUUID();
        String rid = "resp-" + UUID.randomUUID();
        accepted(push(first, cid, rid, started(), text(1, "a")), 2);
        // The first instance sees no push of it for longer than its idle timeout; the second gets one every second.
        long seq = 2;
        Instant until = Instant.now().plus(Duration.ofMillis(Duration.parse("PT" + PUSH_IDLE_TIMEOUT).toMillis() * 2));
        while (Instant.now().isBefore(until)) {
            accepted(push(second, cid, rid, text(seq++, "a")), 1);
            Thread.sleep(1_000); // the gateway's pace, part of the behaviour under test
        }
        accepted(push(second, cid, rid, completed(seq)), 1);

        JsonNode audited = auditedEnd(cid, rid);
        assertEquals("completed", audited.path("status").asText(), audited.toString());
        assertEquals(0, audited.path("integrity").path("after_terminal").asInt(), audited.toString());
        assertEquals(seq + 1, audited.path("event_count").asLong(), audited.toString());
    }

    private static void accepted(Answer answer, int lines) {
        assertEquals(200, answer.status(), answer.raw());
        assertEquals(lines, answer.body().path("accepted").asInt(), answer.raw());
        assertEquals(0, answer.body().path("duplicates").asInt(), answer.raw());
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

    private static Answer push(ServiceProcess ingest, String cid, String rid, String... lines) {
        return send(HttpRequest.newBuilder(URI.create(ingest.url() + "/v1/conversations/" + cid + "/responses/" + rid
                        + "/chunks")).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")));
    }

    private static JsonNode auditedEnd(String cid, String rid) {
        return until(() -> send(HttpRequest.newBuilder(URI.create(stack.consumersUrl() + "/v1/conversations/" + cid
                        + "/responses/" + rid)).GET()),
                answer -> answer.status() == 200 && !"in_progress".equals(answer.body().path("status").asText()))
                .body();
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.body());
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Answer until(Supplier<Answer> read, Predicate<Answer> done) {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Answer last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("not reached within " + TIMEOUT + "; last answer " + last.raw());
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
