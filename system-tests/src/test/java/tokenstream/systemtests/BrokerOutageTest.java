package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;
import tokenstream.testkit.SseEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.BrokerFailoverTest.log;

/**
 * The only broker is unreachable for 60 s while gateways push and clients read: every service says DOWN while it
 * cannot work, ingest refuses new work at once with 503 {@code kafka_unavailable} and {@code Retry-After}
 * (instead of holding the caller for the delivery timeout), and once the broker is back every pushed line that
 * ingest acknowledged reaches every client and the audit, exactly once, without restarting any service.
 */
class BrokerOutageTest {
    private static final int GATEWAYS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = OwnStack.start("outage");
    }

    @AfterAll
    static void stopStack() {
        stack.close();
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aMinuteWithoutTheBrokerLosesNothingAcknowledgedAndHealthSaysSo() throws Exception {
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(GATEWAYS * 2);
        try (FailureDrill drill = new FailureDrill(stack, 1)) {
            drill.awaitSteadyState("outage-warm-up-" + UUID.randomUUID());
            List<PushingGateway> gateways = new ArrayList<>();
            List<String> responses = new ArrayList<>();
            List<Future<Integer>> pushes = new ArrayList<>();
            List<Future<ResumingReader.Read>> reads = new ArrayList<>();
            Duration readTimeout = OUTAGE.plusSeconds(150);
            for (int i = 0; i < GATEWAYS; i++) {
                String conversation = "outage-push-" + i + "-" + UUID.randomUUID();
                String response = "resp-" + UUID.randomUUID();
                PushingGateway gateway = new PushingGateway(stack.ingestUrl(), conversation, response, 200);
                gateways.add(gateway);
                responses.add(response);
                pushes.add(pool.submit(() -> gateway.pushAll(100, readTimeout.toSeconds())));
                String streamUrl = stack.relayUrl() + "/v1/conversations/" + conversation + "/stream?from=start";
                reads.add(pool.submit(() -> ResumingReader.readResponse(streamUrl, readTimeout)));
            }
            await("every gateway pushing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> gateways.stream().allMatch(gateway -> gateway.deliveredLines() >= 10));
            stack.broker().kill();
            long killedAt = System.nanoTime();
            log("broker killed mid-push", began);

            Set<Service> sawDown = EnumSet.noneOf(Service.class);
            Pipeline.Answer refusedStart = null;
            long refusedStartMillis = -1;
            while (System.nanoTime() - killedAt < OUTAGE.toNanos()) {
                for (Service service : Service.values()) {
                    long asked = System.nanoTime();
                    Pipeline.Answer ready = Pipeline.get(stack.service(service).url() + "/q/health/ready");
                    long tookMillis = (System.nanoTime() - asked) / 1_000_000;
                    assertTrue(tookMillis < 1_500, service + " readiness took " + tookMillis + " ms");
                    if (ready.status() == 503) {
                        sawDown.add(service);
                    }
                }
                if (sawDown.contains(Service.INGEST) && refusedStart == null) {
                    long asked = System.nanoTime();
                    refusedStart = Pipeline.post(stack.ingestUrl() + "/v1/conversations/outage-start/responses",
                            "application/json", "{\"prompt\":\"while the broker is away\"}");
                    refusedStartMillis = (System.nanoTime() - asked) / 1_000_000;
                }
                Pipeline.sleep(1_000); // samples the whole outage once a second: its length is the point, not a wait
            }
            assertEquals(EnumSet.allOf(Service.class), sawDown, "every service reported DOWN during the outage");
            assertNotNull(refusedStart, "ingest never reported DOWN, so no start was tried");
            assertEquals(503, refusedStart.status(), refusedStart.raw().body());
            assertEquals("kafka_unavailable", refusedStart.body().path("error").path("code").asText());
            assertTrue(refusedStart.raw().headers().firstValue("Retry-After").isPresent(), "Retry-After missing");
            assertTrue(refusedStartMillis < 1_000, "start refused after " + refusedStartMillis + " ms");
            log("outage: all DOWN, start refused in " + refusedStartMillis + " ms", began);

            stack.broker().start();
            log("broker back", began);
            for (Future<Integer> push : pushes) {
                push.get(readTimeout.toSeconds(), TimeUnit.SECONDS);
            }
            int refusedDuringOutage = gateways.stream().mapToInt(PushingGateway::unavailableAnswers).sum();
            assertTrue(refusedDuringOutage > 0, "no push was refused with 503 kafka_unavailable during the outage");
            for (int i = 0; i < GATEWAYS; i++) {
                PushingGateway gateway = gateways.get(i);
                List<SseEvent> events = reads.get(i).get(readTimeout.toSeconds(), TimeUnit.SECONDS).events();
                assertEquals(LongStream.range(0, gateway.eventCount()).boxed().toList(), Generations.seqs(events),
                        responses.get(i) + ": every seq exactly once, in order");
                assertEquals(gateway.text(), Generations.text(events), responses.get(i));
                JsonNode audited = FailureDrill.audited(stack, responses.get(i));
                assertEquals(gateway.text(), audited.get("text").asText(), responses.get(i) + " audit");
                assertEquals(gateway.eventCount(), audited.get("event_count").asLong(), responses.get(i));
            }
            assertFalse(gateways.stream().anyMatch(g -> g.unavailableWithoutRetryAfter() > 0),
                    "a 503 kafka_unavailable came without Retry-After");
            log("every pushed response whole for clients and audit; " + refusedDuringOutage
                    + " pushes were refused with 503 during the outage", began);
            drill.assertServicesRecoveredByThemselves("outage-after-" + UUID.randomUUID());
        } finally {
            pool.shutdownNow();
        }
    }
}
