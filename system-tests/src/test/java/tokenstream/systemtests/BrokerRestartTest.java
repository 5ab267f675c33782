package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.LocalStack;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static tokenstream.systemtests.BrokerFailoverTest.log;

/**
 * The single broker of a local stack crashes (SIGKILL) and comes back while conversations stream: once it is
 * back, every client has the whole text, equal to the audit record, and no service needed a restart.
 */
class BrokerRestartTest {
    private static final int GATEWAYS = 50;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = OwnStack.start("restart");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void restartingTheOnlyBrokerWhileGatewaysPushLosesNoAcknowledgedChunkAndClientsGetEveryToken() throws Exception {
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(GATEWAYS * 2);
        try (FailureDrill recovery = new FailureDrill(stack, 1)) {
            List<PushingGateway> gateways = new ArrayList<>();
            List<String> conversations = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            List<Future<Integer>> pushes = new ArrayList<>();
            List<Future<ResumingReader.Read>> reads = new ArrayList<>();
            for (int i = 0; i < GATEWAYS; i++) {
                String conversation = "restart-push-" + i + "-" + UUID.randomUUID();
                String response = "resp-" + UUID.randomUUID();
                PushingGateway gateway = new PushingGateway(stack.ingestUrl(), conversation, response, 100);
                gateways.add(gateway);
                conversations.add(conversation);
                responses.add(response);
                pushes.add(pool.submit(() -> gateway.pushAll(60, 150)));
                String streamUrl = stack.relayUrl() + "/v1/conversations/" + conversation + "/stream?from=start";
                reads.add(pool.submit(() -> ResumingReader.readResponse(streamUrl, Duration.ofSeconds(150))));
            }
            await("every gateway pushing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> gateways.stream().allMatch(gateway -> gateway.deliveredLines() >= 10));
            stack.broker().kill();
            log("broker killed mid-push", began);
            stack.broker().start();
            log("broker back", began);

            int retried = 0;
            for (Future<Integer> push : pushes) {
                retried += push.get(3, TimeUnit.MINUTES);
            }
            log("every line acknowledged; " + retried + " lines were retried by the gateways", began);
            for (int i = 0; i < GATEWAYS; i++) {
                PushingGateway gateway = gateways.get(i);
                List<SseEvent> events = reads.get(i).get(3, TimeUnit.MINUTES).events();
                assertEquals(LongStream.range(0, gateway.eventCount()).boxed().toList(), Generations.seqs(events),
                        conversations.get(i) + ": every seq exactly once, in order");
                assertEquals(gateway.text(), Generations.text(events), conversations.get(i));
                JsonNode audited = FailureDrill.audited(stack, responses.get(i));
                assertEquals(gateway.text(), audited.get("text").asText(), conversations.get(i) + " audit");
                assertEquals(gateway.eventCount(), audited.get("event_count").asLong(), conversations.get(i)
                        + ": the topic holds every acknowledged event exactly once");
            }
            log("all " + GATEWAYS + " responses whole for clients and audit", began);
            recovery.assertServicesRecoveredByThemselves("restart-after-" + UUID.randomUUID());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void restartingTheOnlyBrokerMidGenerationLosesNoTokenOnceItIsBack() throws Exception {
        long began = System.nanoTime();
        try (FailureDrill drill = new FailureDrill(stack, 100)) {
            drill.startStreaming("restart-" + UUID.randomUUID(), 100);
            stack.broker().kill();
            log("broker killed", began);
            stack.broker().start();
            log("broker back", began);
            int reconnects = drill.assertEveryResponseCompleteAndAudited();
            log("all 100 responses complete and audited, " + reconnects + " client reconnects", began);
            drill.assertServicesRecoveredByThemselves("restart-after-" + UUID.randomUUID());
        }
    }
}
