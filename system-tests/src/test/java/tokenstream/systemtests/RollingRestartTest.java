package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.kafkalocal.LocalKafkaCluster;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.kafkasetup.TopicSettings;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.localstack.ServiceProcess;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service as several instances on a 3-broker cluster: 2 ingest, 3 relays behind the shipped nginx
 * configuration, 2 consumers. Conversations stream while every instance of every service is restarted in turn, one
 * at a time (SIGTERM, then the same instance again): every client ends with exactly the events its audit record was
 * built from, each once and in order; both consumers instances answer every response the same; and a response
 * ends otherwise than completed only when the ingest instance generating it was stopped ({@code shutdown}).
 */
class RollingRestartTest {
    private static final int CONVERSATIONS = Integer.getInteger("tokenstream.rolling-restart.conversations", 500);
    private static final int SHORT_WAVE = 20;
    private static final int TOKENS_PER_SECOND = 10;
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(6);

    private final List<Generations.Started> started = new ArrayList<>();
    private final List<Future<ResumingReader.Read>> reads = new ArrayList<>();

    @Test
    @Timeout(value = 20, unit = TimeUnit.MINUTES)
    void restartingEveryInstanceOfEveryServiceInTurnLosesNothingAndEveryInstanceAnswersTheSame() throws Exception {
        long began = System.nanoTime();
        Path data = Files.createTempDirectory("tokenstream-rolling-restart-");
        ExecutorService readers = Executors.newFixedThreadPool(CONVERSATIONS + 7 * SHORT_WAVE);
        try (LocalKafkaCluster cluster = LocalKafkaCluster.start(3, data.resolve("kafka"), Map.of())) {
            try (var admin = cluster.admin()) {
                TopicPlan.ensure(admin, TopicSettings.localDefaults().withReplication(3, 2));
            }
            LocalStack.Builder builder = OwnStack.builder(data).externalKafka(cluster.bootstrapServers())
                    .serviceMaxHeap("256m");
            for (Service service : Service.values()) {
                builder.property(service, "tokenstream.topics.replication-factor", "3")
                        .property(service, "tokenstream.topics.min-insync-replicas", "2");
            }
            // Each ingest instance runs half the long wave plus the short waves: more than the default 256 at once.
            builder.property(Service.INGEST, "tokenstream.ingest.max-concurrent-generations",
                    String.valueOf(CONVERSATIONS + 7 * SHORT_WAVE));
            try (LocalStack stack = builder.build().start()) {
                List<ServiceProcess> ingests = List.of(stack.ingest(), stack.startIngest(0, Map.of()));
                List<ServiceProcess> relays = List.of(stack.relay(), stack.startRelay(0), stack.startRelay(0));
                List<ServiceProcess> consumers = List.of(stack.consumers(), stack.startConsumers(0));
                consumers.forEach(instance -> Pipeline.awaitReady(instance.url(), Duration.ofSeconds(120)));
                try (Nginx nginx = Nginx.inFrontOf(relays.stream().map(ServiceProcess::port).toList())) {
                    log("3 brokers, 2 ingest, 3 relays behind nginx, 2 consumers up", began);

                    // The long wave streams through the whole rolling restart (about 2 minutes of tokens each);
                    // before each restart a short wave starts too, so every instance stops with streams in flight.
                    startWave("long", CONVERSATIONS, 600, 5, ingests, nginx, readers);
                    log(CONVERSATIONS + " conversations streaming", began);
                    List<ServiceProcess> inTurn = new ArrayList<>(relays);
                    inTurn.addAll(consumers);
                    inTurn.addAll(ingests);
                    for (ServiceProcess instance : inTurn) {
                        startWave("before-" + instance.name(), SHORT_WAVE, 150, TOKENS_PER_SECOND, ingests, nginx,
                                readers);
                        restart(instance, began);
                    }
                    int reconnects = assertEveryClientGotItsAuditedResponse(consumers);
                    log("every response read whole and audited alike by both consumers instances, after "
                            + reconnects + " client reconnects", began);
                }
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private void startWave(String prefix, int conversations, int tokens, int tokensPerSecond,
                           List<ServiceProcess> ingests, Nginx nginx, ExecutorService readers) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(16);
        try {
            List<Future<Generations.Started>> starting = new ArrayList<>();
            for (int i = 0; i < conversations; i++) {
                int n = i;
                ServiceProcess ingest = ingests.get(i % ingests.size());
                starting.add(starters.submit(() -> start(ingest, prefix + "-" + n, prefix + " " + n, n, tokens,
                        tokensPerSecond)));
            }
            for (Future<Generations.Started> future : starting) {
                Generations.Started one = future.get(120, TimeUnit.SECONDS);
                started.add(one);
                String throughNginx = nginx.url() + URI.create(one.streamUrl()).getRawPath() + "?"
                        + URI.create(one.streamUrl()).getRawQuery();
                reads.add(readers.submit(() -> ResumingReader.readResponse(throughNginx, READ_TIMEOUT)));
            }
        } finally {
            starters.shutdownNow();
        }
    }

    private static Generations.Started start(ServiceProcess ingest, String conversationId, String prompt, long seed,
                                             int tokens, int tokensPerSecond) {
        String body = String.format("{\"prompt\":\"%s\",\"options\":{\"seed\":%d,\"max_tokens\":%d,\"tokens_per_second\":%d}}",
                prompt, seed, tokens, tokensPerSecond);
        Pipeline.Answer answer = Pipeline.post(ingest.url() + "/v1/conversations/" + conversationId + "/responses",
                "application/json", body);
        assertEquals(202, answer.status(), () -> "start answered " + answer.raw().body());
        JsonNode json = answer.body();
        return new Generations.Started(conversationId, json.get("response_id").asText(), json.get("position").asText(),
                json.get("stream_url").asText(), prompt, seed, tokens);
    }

    /** Stops the instance as an orchestrator does (SIGTERM), starts it again, and waits until it is ready. */
    private static void restart(ServiceProcess instance, long began) {
        instance.restart();
        Pipeline.awaitReady(instance.url(), Duration.ofSeconds(240));
        log("restarted " + instance.name(), began);
    }

    private int assertEveryClientGotItsAuditedResponse(List<ServiceProcess> consumers) throws Exception {
        int reconnects = 0;
        int failed = 0;
        for (int i = 0; i < started.size(); i++) {
            Generations.Started one = started.get(i);
            ResumingReader.Read read = reads.get(i).get(READ_TIMEOUT.toSeconds() + 60, TimeUnit.SECONDS);
            reconnects += read.reconnects();
            List<SseEvent> events = read.events();
            String who = one.conversationId() + " (" + one.responseId() + ")";
            assertEquals(LongStream.range(0, events.size()).boxed().toList(), Generations.seqs(events),
                    who + ": every seq exactly once, in order");
            SseEvent terminal = events.get(events.size() - 1);
            if ("response.completed".equals(terminal.event())) {
                assertEquals(one.expectedText(), Generations.text(events), who);
            } else {
                failed++;
                assertEquals("response.failed", terminal.event(), who);
                assertEquals("shutdown", terminal.json().path("code").asText(), who + ": " + terminal.data());
            }
            JsonNode first = null;
            for (ServiceProcess instance : consumers) {
                JsonNode audited = Pipeline.audited(instance.url(), one.responseId(), Duration.ofSeconds(120),
                        audit -> !"in_progress".equals(audit.path("status").asText()));
                assertEquals(Generations.text(events), audited.get("text").asText(), who + " audit text");
                assertEquals(events.size(), audited.get("event_count").asLong(), who + ": audited events");
                assertEquals(0, audited.get("integrity").get("gaps").asInt(), who);
                assertEquals(0, audited.get("integrity").get("duplicates").asInt(), who);
                if (first == null) {
                    first = audited;
                } else {
                    assertEquals(first, audited, who + ": both consumers instances answer the same");
                }
            }
        }
        assertTrue(failed < started.size(), "some responses completed across the restarts");
        assertTrue(failed > 0, "the ingest instances stopped with generations in flight");
        assertTrue(reconnects >= 3, "the relays stopped with clients streaming: " + reconnects + " reconnects");
        return reconnects;
    }

    private static void log(String what, long began) {
        System.out.printf("[rolling restart +%ds] %s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began),
                what);
    }
}
