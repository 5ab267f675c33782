package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.core.ConditionTimeoutException;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.protocol.EventId;
import tokenstream.testkit.SseEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A broker failure under load, on a stack of the test's own: many conversations streaming, every client reading
 * with resume, then the checks that nothing acknowledged was lost and every part recovered by itself.
 */
final class FailureDrill implements AutoCloseable {
    // 12 s per response at this pace: every conversation is still streaming when the failure is injected.
    static final int TOKENS = 120;
    static final int TOKENS_PER_SECOND = 10;
    static final Duration READ_TIMEOUT = Duration.ofSeconds(120);

    private final LocalStack stack;
    private final Map<Service, Long> pids = new HashMap<>();
    private final ExecutorService readers;
    private final List<Generations.Started> started = new ArrayList<>();
    private final List<Future<ResumingReader.Read>> reads = new ArrayList<>();

    FailureDrill(LocalStack stack, int conversations) {
        this.stack = stack;
        this.readers = Executors.newFixedThreadPool(conversations);
        for (Service service : Service.values()) {
            pids.put(service, stack.service(service).pid());
        }
    }

    /**
     * Streams one short conversation through the whole pipeline and waits for its audit record, so that the
     * failure hits a pipeline in steady state: Kafka Streams past its start-up rebalance and restoration, its
     * transactions committing. A broker lost while Streams still restores is another scenario than this drill's.
     */
    void awaitSteadyState(String conversationId) {
        Generations.Started warmUp = start(conversationId, "before the failure", 98, 10);
        ResumingReader.Read read = ResumingReader.readResponse(warmUp.streamUrl(), Duration.ofSeconds(60));
        assertEquals(warmUp.expectedText(), Generations.text(read.events()));
        assertEquals(warmUp.expectedText(), audited(stack, warmUp.responseId()).get("text").asText());
    }

    /** Starts the conversations through ingest and a resuming reader on the relay for each. */
    void startStreaming(String prefix, int conversations) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(16);
        try {
            List<Future<Generations.Started>> starting = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                int n = i;
                starting.add(starters.submit(() -> start(prefix + "-" + n, "failover " + n, n)));
            }
            for (Future<Generations.Started> future : starting) {
                Generations.Started one = future.get(60, TimeUnit.SECONDS);
                started.add(one);
                reads.add(readers.submit(() -> ResumingReader.readResponse(one.streamUrl(), READ_TIMEOUT)));
            }
        } finally {
            starters.shutdownNow();
        }
    }

    /** The chunks partition most of the started conversations write to. */
    int busiestPartition() {
        return started.stream().collect(Collectors.groupingBy(s -> EventId.decode(s.position()).partition(),
                        Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Waits for every reader and checks each conversation: every seq exactly once and in order, the text the
     * simulator produced, and an audit record with the same text built from exactly those events. Returns the
     * total number of reconnects the clients needed.
     */
    int assertEveryResponseCompleteAndAudited() throws Exception {
        int reconnects = 0;
        for (int i = 0; i < started.size(); i++) {
            Generations.Started one = started.get(i);
            ResumingReader.Read read = reads.get(i).get(READ_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
            reconnects += read.reconnects();
            List<SseEvent> events = read.events();
            assertEquals(LongStream.rangeClosed(0, one.maxTokens() + 1).boxed().toList(), Generations.seqs(events),
                    one.conversationId() + ": every seq exactly once, in order");
            assertEquals("response.completed", events.get(events.size() - 1).event(), one.conversationId());
            assertEquals(one.expectedText(), Generations.text(events), one.conversationId());
        }
        for (Generations.Started one : started) {
            JsonNode audited = audited(stack, one.responseId());
            assertEquals(one.expectedText(), audited.get("text").asText(), one.conversationId() + " audit text");
            assertEquals(one.maxTokens() + 2, audited.get("event_count").asLong(),
                    one.conversationId() + ": the topic holds every event exactly once");
            assertEquals(0, audited.get("integrity").get("gaps").asInt(), one.conversationId());
            assertEquals(0, audited.get("integrity").get("duplicates").asInt(), one.conversationId());
        }
        return reconnects;
    }

    /** The services are the same processes as before the failure, ready again, and serve a new conversation. */
    void assertServicesRecoveredByThemselves(String conversationId) {
        for (Service service : Service.values()) {
            assertEquals(pids.get(service), stack.service(service).pid(), service + " was not restarted");
            awaitReady(stack.service(service).url());
        }
        Generations.Started after = start(conversationId, "after the failure", 99);
        ResumingReader.Read read = ResumingReader.readResponse(after.streamUrl(), Duration.ofSeconds(60));
        assertEquals(after.expectedText(), Generations.text(read.events()));
        assertEquals(after.expectedText(), audited(stack, after.responseId()).get("text").asText());
    }

    private Generations.Started start(String conversationId, String prompt, long seed) {
        return start(conversationId, prompt, seed, TOKENS);
    }

    private Generations.Started start(String conversationId, String prompt, long seed, int tokens) {
        String body = String.format("{\"prompt\":\"%s\",\"options\":{\"seed\":%d,\"max_tokens\":%d,\"tokens_per_second\":%d}}",
                prompt, seed, tokens, TOKENS_PER_SECOND);
        Pipeline.Answer answer = Pipeline.post(stack.ingestUrl() + "/v1/conversations/" + conversationId + "/responses",
                "application/json", body);
        assertEquals(202, answer.status(), () -> "start answered " + answer.raw().body());
        JsonNode json = answer.body();
        return new Generations.Started(conversationId, json.get("response_id").asText(), json.get("position").asText(),
                json.get("stream_url").asText(), prompt, seed, tokens);
    }

    /** The consumers' completed audit record of a response, waiting up to 90 s for it. */
    static JsonNode audited(LocalStack stack, String responseId) {
        try {
            return Pipeline.audited(stack.consumersUrl(), responseId, Duration.ofSeconds(90), Pipeline::completed);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + dumpConsumersThreads(stack), e);
        }
    }

    // A stalled stream thread looks RUNNING from outside; its stack says what it waits for.
    private static String dumpConsumersThreads(LocalStack stack) {
        long pid = stack.service(Service.CONSUMERS).pid();
        if (pid < 0) {
            return "; the consumers process is not running";
        }
        try {
            // SIGQUIT: the JVM prints every thread's stack to its output, which is the service's log file.
            new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            return "; the consumers' thread dump is in " + stack.logDir().resolve("consumers.log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "; interrupted while dumping the consumers' threads";
        } catch (IOException e) {
            return "; no thread dump of the consumers: " + e;
        }
    }

    private static void awaitReady(String serviceUrl) {
        Pipeline.awaitReady(serviceUrl, Duration.ofSeconds(60));
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
