package tokenstream.systemtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.localstack.ServiceProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay behind the shipped nginx configuration (real nginx, real relay, real broker) with one stream per client
 * address: nginx forwards each client's own address, the relay believes it only from nginx, and the access log never
 * holds a query string. Clients are told apart by their loopback source address (127.0.0.x).
 */
class BehindNginxTest {
    private static ServiceProcess relay;
    private static Nginx nginx;

    @BeforeAll
    static void startRelayBehindNginx() throws IOException {
        Nginx.binary();
        Map<String, String> behindProxy = new HashMap<>();
        behindProxy.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        behindProxy.put("quarkus.http.proxy.allow-x-forwarded", "true");
        behindProxy.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        behindProxy.put("tokenstream.security.max-streams-per-address", "1");
        relay = SecuredPipeline.stack().startRelay(0, behindProxy);
        // start() returns once HTTP answers; until its tail has caught up the relay answers streams 503.
        Pipeline.awaitReady(relay.url(), Duration.ofSeconds(60));
        nginx = Nginx.inFrontOf(relay.port());
    }

    @AfterAll
    static void stopNginx() {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void twoClientsOfTheProxyAreCountedAsTwoAddresses() {
        String cid = "conv-" + UUID.randomUUID();
        try (StreamFrom first = throughNginx("127.0.0.2", cid, Map.of());
             StreamFrom second = throughNginx("127.0.0.3", cid, Map.of())) {
            assertEquals(200, first.status());
            assertEquals(200, second.status());
        }
    }

    @Test
    void aClientCannotClaimAnotherAddressThroughTheProxy() {
        String cid = "conv-" + UUID.randomUUID();
        try (StreamFrom first = throughNginx("127.0.0.4", cid, Map.of());
             StreamFrom forged = throughNginx("127.0.0.4", cid, Map.of("X-Forwarded-For", "198.51.100.77",
                     "Forwarded", "for=198.51.100.78", "X-Real-IP", "198.51.100.79"))) {
            assertEquals(200, first.status());
            assertEquals(429, forged.status(), "nginx replaces the forwarded headers with the address it saw");
        }
    }

    @Test
    void forwardedHeadersFromAPeerThatIsNotTheProxyAreIgnored() {
        String cid = "conv-" + UUID.randomUUID();
        try (StreamFrom first = direct("127.0.0.5", cid, Map.of());
             StreamFrom forged = direct("127.0.0.5", cid, Map.of("X-Forwarded-For", "198.51.100.80"))) {
            assertEquals(200, first.status());
            assertEquals(429, forged.status(), "only 127.0.0.1 (the proxy) is trusted to forward addresses");
        }
    }

    @Test
    void theAccessLogHasNoQueryStringSoNoToken() throws Exception {
        String cid = "conv-" + UUID.randomUUID();
        String token = SecuredPipeline.token("read", cid, Duration.ofMinutes(5));
        try (StreamFrom stream = StreamFrom.open("127.0.0.6", nginx.port(),
                "/v1/conversations/" + cid + "/stream?access_token=" + token, Map.of())) {
            assertEquals(200, stream.status());
        }

        String log = awaitLogLineWith("/v1/conversations/" + cid + "/stream");
        assertFalse(log.contains(token.substring(token.lastIndexOf('.') + 1)), log);
        assertFalse(log.contains("access_token"), log);
        assertTrue(log.contains("127.0.0.6"), log);
    }

    private static StreamFrom throughNginx(String clientAddress, String cid, Map<String, String> headers) {
        return StreamFrom.open(clientAddress, nginx.port(), "/v1/conversations/" + cid + "/stream", withToken(cid, headers));
    }

    private static StreamFrom direct(String clientAddress, String cid, Map<String, String> headers) {
        return StreamFrom.open(clientAddress, relay.port(), "/v1/conversations/" + cid + "/stream", withToken(cid, headers));
    }

    private static Map<String, String> withToken(String cid, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Authorization", "Bearer " + SecuredPipeline.token("read", cid, Duration.ofMinutes(5)));
        return all;
    }

    private static String awaitLogLineWith(String path) {
        return await("an access log line for " + path).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.exists(nginx.accessLog()) ? Files.readString(nginx.accessLog()) : "",
                        log -> log.contains(path));
    }
}
