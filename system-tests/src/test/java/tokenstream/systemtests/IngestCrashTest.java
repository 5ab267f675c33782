package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.protocol.FailureCodes;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.systemtests.BrokerFailoverTest.log;

/**
 * Ingest is killed (SIGKILL) while it runs a generation and while a gateway pushes a response through it: no
 * shutdown hook runs, so ingest itself writes no end. Every one of those responses still gets a terminal event on
 * the chunks topic, which live clients see and the audit records as failed, whether ingest comes back or not.
 *
 * <p>The end is written by the audit consumers' sweep of responses with no event for {@code abandon-after}
 * ({@code ingest_lost} or {@code producer_timeout}): the deadline has to live outside the process that died.
 */
class IngestCrashTest {
    private static final Duration ENDED_WITHIN = Duration.ofSeconds(90);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = OwnStack.builder("ingest-crash")
                // A short abandon deadline, so the test does not wait the default two minutes.
                .property(Service.CONSUMERS, "tokenstream.consumers.abandon-after", "5s")
                .property(Service.CONSUMERS, "tokenstream.consumers.abandon-check-interval", "1s")
                .build().start();
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @AfterEach
    void ingestRunsAgain() {
        stack.ingest().start();
    }

    /** A response ingest was running when it died, and where a client streams it from. */
    private record Running(String conversationId, String responseId, String streamUrl, String expectedCode) {
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyResponseOfAKilledIngestThatStaysDownEnds() {
        long began = System.nanoTime();
        List<Running> running = List.of(startGeneration("crash-down-gen"), pushHalfAResponse("crash-down-push"));

        stack.ingest().kill();
        log("ingest killed mid-generation and mid-push; it stays down", began);

        running.forEach(this::assertEndedAndAuditedAsFailed);
        log("every response ended and audited as failed", began);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everyResponseOfAKilledIngestThatIsRestartedEnds() {
        long began = System.nanoTime();
        List<Running> running = List.of(startGeneration("crash-restart-gen"), pushHalfAResponse("crash-restart-push"));

        stack.ingest().kill();
        stack.ingest().start();
        log("ingest killed mid-generation and mid-push, and restarted", began);

        running.forEach(this::assertEndedAndAuditedAsFailed);
        log("every response ended and audited as failed", began);
        Generations.Started after = startOn(stack, "crash-after-" + UUID.randomUUID());
        assertEquals("response.completed", ResumingReader.readResponse(after.streamUrl(), ENDED_WITHIN).events()
                .stream().reduce((a, b) -> b).orElseThrow().event(), "the restarted ingest generates again");
    }

    /** A generation of 12 s: ingest is killed long before it would complete. */
    private static Running startGeneration(String prefix) {
        Generations.Started started = startOn(stack, prefix + "-" + UUID.randomUUID());
        return new Running(started.conversationId(), started.responseId(), started.streamUrl(), FailureCodes.INGEST_LOST);
    }

    private static Generations.Started startOn(LocalStack stack, String conversationId) {
        Pipeline.Answer answer = Pipeline.post(stack.ingestUrl() + "/v1/conversations/" + conversationId + "/responses",
                "application/json", "{\"prompt\":\"crash\",\"options\":{\"seed\":7,\"max_tokens\":120,\"tokens_per_second\":10}}");
        assertEquals(202, answer.status(), () -> "start answered " + answer.raw().body());
        JsonNode json = answer.body();
        return new Generations.Started(conversationId, json.get("response_id").asText(), json.get("position").asText(),
                json.get("stream_url").asText(), "crash", 7, 120);
    }

    /** A pushed response whose gateway got its first events acknowledged and would push the rest later. */
    private static Running pushHalfAResponse(String prefix) {
        String conversation = prefix + "-" + UUID.randomUUID();
        String response = "resp-" + UUID.randomUUID();
        Pipeline.Answer pushed = Pipeline.post(stack.ingestUrl() + "/v1/conversations/" + conversation + "/responses/"
                + response + "/chunks", "application/x-ndjson", """
                {"type":"response.started","seq":0,"model":"gateway"}
                {"type":"text.delta","seq":1,"text":"half "}
                {"type":"text.delta","seq":2,"text":"a response"}
                """);
        assertEquals(200, pushed.status(), pushed.raw().body());
        return new Running(conversation, response, stack.relayUrl() + "/v1/conversations/" + conversation + "/stream?from=start",
                FailureCodes.PRODUCER_TIMEOUT);
    }

    private void assertEndedAndAuditedAsFailed(Running response) {
        List<SseEvent> events = ResumingReader.readResponse(response.streamUrl(), ENDED_WITHIN).events();
        SseEvent terminal = events.get(events.size() - 1);
        assertEquals("response.failed", terminal.event(), response + ": " + terminal.data());
        String code = terminal.json().get("code").asText();
        assertEquals(response.expectedCode(), code, response + ": a generation is lost with ingest, a push times out");
        JsonNode audited = auditedAs(response.responseId(), "failed");
        assertEquals(code, audited.get("error").get("code").asText(), response + ": the audit has the code clients saw");
    }

    private static JsonNode auditedAs(String responseId, String status) {
        return Pipeline.audited(stack.consumersUrl(), responseId, ENDED_WITHIN,
                audit -> status.equals(audit.path("status").asText()));
    }
}
