package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.ServiceProcess;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.Generations.seqs;
import static tokenstream.systemtests.Generations.text;

/**
 * The relay under churn: many clients dropping and resuming at random, on two instances — one whose
 * recent-events window is too small to serve resumes, so they go to Kafka — and an instance restarted
 * under its clients.
 */
class RelayAtScaleTest {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    private static ServiceProcess kafkaPathRelay;

    @BeforeAll
    static void startASecondRelayWithATinyWindow() {
        kafkaPathRelay = Pipeline.stack().startRelay(0, Map.of("tokenstream.relay.window-max-bytes", "1K"));
        Pipeline.awaitReady(kafkaPathRelay.url(), READY_WITHIN);
    }

    @AfterAll
    static void stopIt() {
        kafkaPathRelay.stop();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void twoHundredClientsDroppingAtRandomOnTwoInstancesEachEndWithTheAuditedText() throws Exception {
        List<Generations.Started> conversations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            conversations.add(Generations.start("churn-" + i + "-" + UUID.randomUUID(), "churn " + i, i, 120, 40));
        }
        List<String> relays = List.of(Pipeline.stack().relayUrl(), kafkaPathRelay.url());
        AtomicInteger resumes = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(200);
        try {
            List<Future<List<SseEvent>>> outcomes = new ArrayList<>();
            for (int c = 0; c < 200; c++) {
                Generations.Started conversation = conversations.get(c % 20);
                long seed = c;
                outcomes.add(clients.submit(() -> readWithRandomDrops(conversation, relays, new Random(seed), resumes)));
            }
            for (int c = 0; c < 200; c++) {
                Generations.Started conversation = conversations.get(c % 20);
                List<SseEvent> events = outcomes.get(c).get(3, TimeUnit.MINUTES);
                assertEquals(LongStream.rangeClosed(0, 121).boxed().toList(), seqs(events), "client " + c + ": every seq once");
                JsonNode audited = Pipeline.auditedResponse(conversation.responseId(),
                        r -> "completed".equals(r.path("status").asText()));
                assertEquals(audited.get("text").asText(), text(events), "client " + c + " matches the audit record");
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(resumes.get() >= 200, "clients really dropped and resumed (" + resumes.get() + " resumes)");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void clientsOfARelayThatRestartsMidStreamResumeElsewhereAndLoseNothing() throws Exception {
        ServiceProcess restarting = Pipeline.stack().startRelay(0);
        Pipeline.awaitReady(restarting.url(), READY_WITHIN);
        try {
            List<Generations.Started> conversations = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                conversations.add(Generations.start("restart-" + i + "-" + UUID.randomUUID(), "restart " + i, i, 150, 30));
            }
            ExecutorService clients = Executors.newFixedThreadPool(conversations.size());
            AtomicInteger toldToReconnect = new AtomicInteger();
            List<Future<List<SseEvent>>> outcomes = new ArrayList<>();
            for (Generations.Started conversation : conversations) {
                outcomes.add(clients.submit(() -> readAcrossARestart(conversation, restarting.url(),
                        Pipeline.stack().relayUrl(), toldToReconnect)));
            }
            Thread.sleep(2_000); // still a fixed wait: awaiting open streams or first events left 1-2 of 10 clients untold (issue 15)
            restarting.stop();
            for (int i = 0; i < conversations.size(); i++) {
                List<SseEvent> events = outcomes.get(i).get(2, TimeUnit.MINUTES);
                assertEquals(LongStream.rangeClosed(0, 151).boxed().toList(), seqs(events));
                assertEquals(conversations.get(i).expectedText(), text(events));
            }
            clients.shutdownNow();
            assertEquals(conversations.size(), toldToReconnect.get(),
                    "every client of the stopping instance was told to reconnect");
            restarting.start();
            // start() returns once HTTP answers; until its tail has caught up the relay answers streams 503.
            Pipeline.awaitReady(restarting.url(), READY_WITHIN);
            try (SseClient again = SseClient.open(URI.create(restarting.url() + "/v1/conversations/"
                    + conversations.get(0).conversationId() + "/stream?from=" + conversations.get(0).position()))) {
                assertEquals(conversations.get(0).expectedText(), text(again.until(SseEvent::isTerminal, Pipeline.TIMEOUT)),
                        "the restarted instance serves the whole response again");
            }
        } finally {
            restarting.stop();
        }
    }

    private static List<SseEvent> readWithRandomDrops(Generations.Started conversation, List<String> relays, Random random,
                                                      AtomicInteger resumes) {
        List<SseEvent> received = new ArrayList<>();
        while (received.isEmpty() || !received.get(received.size() - 1).isTerminal()) {
            String relay = relays.get(random.nextInt(relays.size()));
            URI uri = URI.create(relay + "/v1/conversations/" + conversation.conversationId() + "/stream"
                    + (received.isEmpty() ? "?from=" + conversation.position() : ""));
            Map<String, String> headers = received.isEmpty() ? Map.of()
                    : Map.of("Last-Event-ID", received.get(received.size() - 1).id());
            if (!received.isEmpty()) {
                resumes.incrementAndGet();
            }
            int budget = 5 + random.nextInt(40);
            try (SseClient client = SseClient.open(uri, headers)) {
                SseEvent event;
                while (budget-- > 0 && (event = client.next(Pipeline.TIMEOUT)) != null) {
                    if (event.id() != null) {
                        received.add(event);
                    }
                    if (event.isTerminal()) {
                        break;
                    }
                }
            }
            Pipeline.sleep(random.nextInt(200)); // a client's random time away before it resumes
        }
        return received;
    }

    private static List<SseEvent> readAcrossARestart(Generations.Started conversation, String first, String second,
                                                     AtomicInteger toldToReconnect) {
        List<SseEvent> received = new ArrayList<>();
        try (SseClient client = SseClient.open(URI.create(first + "/v1/conversations/" + conversation.conversationId()
                + "/stream?from=" + conversation.position()))) {
            SseEvent event;
            while ((event = client.next(Duration.ofSeconds(30))) != null) {
                if (event.event().equals("stream.reconnect")) {
                    assertEquals("shutdown", event.json().get("code").asText());
                    toldToReconnect.incrementAndGet();
                    break;
                }
                received.add(event);
                if (event.isTerminal()) {
                    return received;
                }
            }
        }
        try (SseClient client = SseClient.open(URI.create(second + "/v1/conversations/" + conversation.conversationId()
                + "/stream"), Map.of("Last-Event-ID", received.get(received.size() - 1).id()))) {
            received.addAll(client.until(SseEvent::isTerminal, Pipeline.TIMEOUT));
        }
        return received;
    }
}
