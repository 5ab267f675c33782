package tokenstream.consumers.health;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import tokenstream.consumers.support.StreamsReadiness;
import tokenstream.consumers.support.StreamsStateDirTestResource;
import tokenstream.testkit.KafkaBrokerTestResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kafka Streams loses its state directory while running (it is replaced by a plain file, as a full or unmounted
 * disk would do): the next task that must open its local state cannot, and Kafka Streams stops in ERROR. Readiness and liveness both say so,
 * with the state and the exception, each within a second. Its own profile: this application does not recover.
 */
@QuarkusTest
@TestProfile(StreamsHealthTest.OwnApplication.class)
@QuarkusTestResource(KafkaBrokerTestResource.class)
@QuarkusTestResource(StreamsStateDirTestResource.class)
class StreamsHealthTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** A separate application (and Quarkus start) so that the broken Kafka Streams is nobody else's. */
    public static class OwnApplication implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.kafka-streams.application-id", "tokenstream-consumers-health-test");
        }
    }

    @Inject
    KafkaStreams streams;

    @ConfigProperty(name = "kafka-streams.state.dir")
    Path stateDir;

    private static Response timed(String path) {
        Instant asked = Instant.now();
        Response response = given().get(path);
        Duration took = Duration.between(asked, Instant.now());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, path + " took " + took);
        return response;
    }

    private static String check(Response health, String field) {
        return health.jsonPath().getString("checks.find { it.name == 'kafka-streams' }." + field);
    }

    @Test
    void streamsThatCannotWriteTheirStateAreNotReadyAndNotLiveWithTheReason() throws Exception {
        StreamsReadiness.awaitRunning(streams, TIMEOUT);
        given().get("/q/health"); // the first request of a fresh application loads classes: not what is measured
        assertEquals("UP", check(timed("/q/health/ready"), "status"));
        assertEquals("UP", check(timed("/q/health/live"), "status"));

        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(StreamsHealthTest::delete);
        }
        Files.writeString(stateDir, "not a directory");
        // A second stream thread makes Kafka Streams move tasks between threads: the thread that takes a task over
        // must open its local state, and cannot.
        streams.addStreamThread();

        Response live = await("liveness DOWN").atMost(TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> timed("/q/health/live"), answer -> "DOWN".equals(check(answer, "status")));
        Response ready = timed("/q/health/ready");
        assertEquals(503, live.statusCode(), live.asString());
        assertTrue(List.of("PENDING_ERROR", "ERROR").contains(check(live, "data.state")), live.asString());
        assertNotNull(check(live, "data.last-error"), live.asString());
        assertEquals(503, ready.statusCode());
        assertEquals("DOWN", check(ready, "status"));
        assertTrue(check(ready, "data.reason").contains("ERROR"), ready.asString());
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + path, e);
        }
    }
}
