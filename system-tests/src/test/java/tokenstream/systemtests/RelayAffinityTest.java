package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tokenstream.ingest.upstream.simulator.SimulatedScript;
import tokenstream.kafkalocal.PortAllocator;
import tokenstream.kafkalocal.TopicPlan;
import tokenstream.localstack.LocalStack;
import tokenstream.localstack.ServiceProcess;
import tokenstream.protocol.EventId;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.systemtests.Generations.seqs;
import static tokenstream.systemtests.Generations.text;

/**
 * Two relay instances with partition affinity (R = 2) beside one without, on the chunks topic's partitions: a client
 * that asks the instance that does not own its conversation's partition still gets the whole stream, resumes
 * included, and each affinity instance's brokers' fetch bytes are about half of what the instance without reads.
 */
class RelayAffinityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PER_PARTITION = 4;
    private static final int TOKENS = 300;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static final ServiceProcess[] affine = new ServiceProcess[2];

    private record Started(String conversationId, int partition, String position, String prompt, long seed) {
        String expectedText() {
            return SimulatedScript.text(prompt, seed, TOKENS);
        }
    }

    @BeforeAll
    static void twoRelaysWithAffinityAndOneWithout() throws IOException {
        stack = LocalStack.builder().withoutSecurity()
                .repoRoot(Path.of(System.getProperty("tokenstream.repo-root", "..")))
                .dataDir(Files.createTempDirectory("tokenstream-relay-affinity-"))
                .build().start();
        int[] ports = {PortAllocator.freePort(), PortAllocator.freePort()};
        String peers = "0=http://localhost:" + ports[0] + ",1=http://localhost:" + ports[1];
        for (int i = 0; i < 2; i++) {
            affine[i] = stack.startRelay(ports[i], Map.of("tokenstream.relay.affinity.instances", "2",
                    "tokenstream.relay.affinity.instance", String.valueOf(i),
                    "tokenstream.relay.affinity.peers", peers));
        }
        // start() returns once HTTP answers; until its tail has caught up a relay answers streams 503.
        for (ServiceProcess relay : affine) {
            Pipeline.awaitReady(relay.url(), Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void clientsOnTheWrongInstanceGetTheirWholeStreamAndEachInstanceFetchesAboutHalfTheTopic() throws Exception {
        String[] relays = {stack.relayUrl(), affine[0].url(), affine[1].url()};
        long[] before = new long[relays.length];
        for (int r = 0; r < relays.length; r++) {
            before[r] = metric(relays[r], "tokenstream_relay_tail_fetch_bytes_total");
        }

        List<Started> conversations = new ArrayList<>();
        for (int partition = 0; partition < TopicPlan.CHUNK_PARTITIONS; partition++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                conversations.add(start(conversationOn(partition), conversations.size()));
            }
        }
        ExecutorService clients = Executors.newFixedThreadPool(conversations.size());
        try {
            List<Future<List<SseEvent>>> outcomes = new ArrayList<>();
            for (Started conversation : conversations) {
                // The instance that does not own the partition: the one a hash unlike Kafka's may well pick.
                String wrong = affine[(conversation.partition() + 1) % 2].url();
                outcomes.add(clients.submit(() -> readWithOneResume(conversation, wrong)));
            }
            for (int c = 0; c < conversations.size(); c++) {
                List<SseEvent> events = outcomes.get(c).get(3, TimeUnit.MINUTES);
                assertEquals(LongStream.rangeClosed(0, TOKENS + 1).boxed().toList(), seqs(events),
                        "conversation " + c + ": every seq once, across the resume");
                assertEquals(conversations.get(c).expectedText(), text(events), "conversation " + c);
            }
        } finally {
            clients.shutdownNow();
        }

        // The owners have fetched every record: their clients got each terminal event. The relay without affinity
        // has once it serves every terminal event too (Kafka counts fetched bytes before the records are handed on).
        for (Started conversation : conversations) {
            try (SseClient client = SseClient.open(URI.create(relays[0] + "/v1/conversations/"
                    + conversation.conversationId() + "/stream?from="
                    + URLEncoder.encode(conversation.position(), StandardCharsets.UTF_8)))) {
                assertEquals(conversation.expectedText(), text(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
        long whole = metric(relays[0], "tokenstream_relay_tail_fetch_bytes_total") - before[0];
        long first = metric(relays[1], "tokenstream_relay_tail_fetch_bytes_total") - before[1];
        long second = metric(relays[2], "tokenstream_relay_tail_fetch_bytes_total") - before[2];
        System.out.printf("relay fetch bytes for %d conversations of %d tokens on %d partitions: without affinity %d,"
                        + " instance 0 of 2 %d (%.2f), instance 1 of 2 %d (%.2f)%n", conversations.size(), TOKENS,
                TopicPlan.CHUNK_PARTITIONS, whole, first, (double) first / whole, second, (double) second / whole);
        assertTrue(whole > (long) conversations.size() * TOKENS * 100, "the relay without affinity read the topic: " + whole);
        assertBetween(0.3, 0.7, (double) first / whole, "instance 0's share of the fetch bytes");
        assertBetween(0.3, 0.7, (double) second / whole, "instance 1's share of the fetch bytes");
        assertBetween(0.9, 1.1, (double) (first + second) / whole, "the two instances together read the topic once");
    }

    private static void assertBetween(double low, double high, double value, String what) {
        assertTrue(value >= low && value <= high, what + ": " + value + " is outside " + low + " to " + high);
    }

    /** Reads part of the stream, then resumes on the same (wrong) instance with Last-Event-ID, as EventSource would. */
    private static List<SseEvent> readWithOneResume(Started conversation, String relay) {
        URI uri = URI.create(relay + "/v1/conversations/" + conversation.conversationId() + "/stream");
        List<SseEvent> received = new ArrayList<>();
        try (SseClient client = SseClient.openFollowingRedirects(URI.create(uri + "?from="
                + URLEncoder.encode(conversation.position(), StandardCharsets.UTF_8)),
                Map.of())) {
            assertEquals(200, client.status());
            SseEvent event;
            while (received.size() < TOKENS / 3 && (event = client.next(TIMEOUT)) != null) {
                if (event.id() != null) {
                    received.add(event);
                }
            }
        }
        try (SseClient client = SseClient.openFollowingRedirects(uri,
                Map.of("Last-Event-ID", received.get(received.size() - 1).id()))) {
            assertEquals(200, client.status());
            received.addAll(client.until(SseEvent::isTerminal, TIMEOUT));
        }
        return received;
    }

    /** A conversation id Kafka's default partitioner puts on this partition. */
    private static String conversationOn(int partition) {
        while (true) {
            String id = "affinity-" + UUID.randomUUID();
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % TopicPlan.CHUNK_PARTITIONS
                    == partition) {
                return id;
            }
        }
    }

    private static Started start(String conversationId, long seed) throws IOException, InterruptedException {
        String prompt = "affinity " + seed;
        String body = String.format("{\"prompt\":\"%s\",\"options\":{\"seed\":%d,\"max_tokens\":%d,\"tokens_per_second\":200}}",
                prompt, seed, TOKENS);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(stack.ingestUrl()
                        + "/v1/conversations/" + conversationId + "/responses"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, answer.statusCode(), answer.body());
        JsonNode json = JSON.readTree(answer.body());
        int partition = EventId.decode(json.get("position").asText()).partition();
        return new Started(conversationId, partition, json.get("position").asText(), prompt, seed);
    }

    private static long metric(String relay, String name) throws IOException, InterruptedException {
        String scrape = HTTP.send(HttpRequest.newBuilder(URI.create(relay + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\w*(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return (long) sum;
    }
}
