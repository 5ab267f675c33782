package tokenstream.relay.affinity;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tokenstream.protocol.EventId;
import tokenstream.relay.MetricsReader;
import tokenstream.relay.tail.ChunkTail;
import tokenstream.relay.tail.ConversationPartitioner;
import tokenstream.testkit.KafkaBrokerTestResource;
import tokenstream.testkit.SseClient;
import tokenstream.testkit.SseEvent;
import tokenstream.testkit.TestChunks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static tokenstream.relay.RelayTestSupport.TIMEOUT;
import static tokenstream.relay.RelayTestSupport.awaitTailPast;
import static tokenstream.relay.RelayTestSupport.ids;
import static tokenstream.relay.RelayTestSupport.newConversation;
import static tokenstream.relay.RelayTestSupport.open;
import static tokenstream.relay.RelayTestSupport.tokens;
import static tokenstream.relay.RelayTestSupport.writer;

/**
 * Instance 0 of three with partition affinity: it tails its third of the chunks partitions, serves their
 * conversations, sends clients of instance 1's to instance 1, and has no address for instance 2.
 */
@QuarkusTest
@TestProfile(PartitionAffinityTest.FirstOfThree.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PartitionAffinityTest {
    private static final String PEER = "http://relay-1.test:8080";

    public static class FirstOfThree implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tokenstream.relay.affinity.instances", "3",
                    "tokenstream.relay.affinity.instance", "0",
                    "tokenstream.relay.affinity.peers", "0=http://relay-0.test:8080,1=" + PEER + "/");
        }
    }

    @Inject
    ChunkTail tail;

    @BeforeEach
    void tailReady() throws InterruptedException {
        assertTrue(tail.awaitReady(Duration.ofSeconds(30)));
    }

    private String conversationOfInstance(int instance) {
        while (true) {
            String conversation = newConversation();
            if (ConversationPartitioner.partitionOf(conversation, tail.feed().partitionCount()) % 3 == instance) {
                return conversation;
            }
        }
    }

    @Test
    void aStreamOfAnotherInstancesPartitionIsRedirectedToItWithPathAndQuery() {
        String conversation = conversationOfInstance(1);
        String path = "/v1/conversations/" + conversation + "/stream?from=start&lastEventId=";
        given().redirects().follow(false).get(path)
                .then().statusCode(307)
                .header("Location", equalTo(PEER + path));
    }

    @Test
    void aStreamOfAPartitionWhoseOwnerHasNoAddressIs503WithRetryAfterNotAnEmptyStream() {
        String conversation = conversationOfInstance(2);
        given().redirects().follow(false).get("/v1/conversations/" + conversation + "/stream")
                .then().statusCode(503)
                .header("Retry-After", equalTo("1"))
                .body("error.code", equalTo("partition_owner_unknown"));
    }

    @Test
    void aStreamOfAnOwnedPartitionIsServedHere() {
        String conversation = conversationOfInstance(0);
        try (TestChunks writer = writer()) {
            List<EventId> written = writer.writeResponse(conversation, "r1", tokens(3));
            try (SseClient client = open(conversation, "from=start")) {
                assertEquals(written, ids(client.until(SseEvent::isTerminal, TIMEOUT)));
            }
        }
    }

    @Test
    void theTailReadsAndReportsOnlyItsShareOfThePartitions() {
        assertEquals(tail.feed().partitionCount() / 3, (int) MetricsReader.value("tokenstream_relay_tail_partitions", null));
    }

    @Test
    void theBytesTheTailFetchesAreAMetric() {
        double before = MetricsReader.value("tokenstream_relay_tail_fetch_bytes_total", null);
        try (TestChunks writer = writer()) {
            awaitTailPast(writer.writeResponse(conversationOfInstance(0), "r1", tokens(20)).get(20));
        }
        await().atMost(TIMEOUT).until(() -> MetricsReader.value("tokenstream_relay_tail_fetch_bytes_total", null)
                > before + 20 * 100);
    }
}
