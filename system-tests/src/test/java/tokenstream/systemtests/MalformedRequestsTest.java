package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tokenstream.localstack.LocalStack;
import tokenstream.protocol.ProtocolJson;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed requests to every endpoint of the three services, on the secured stack: each answer is a 4xx with a
 * JSON error body, never a 5xx, and every service still answers afterwards.
 *
 * <p>Two kinds of request never reach the services' code: headers above {@code quarkus.http.limits.max-header-size}
 * and request targets that are not valid URIs (a broken {@code %}-escape). The HTTP server's decoder refuses them
 * with 431 or 400, an empty body and {@code Connection: close}; Quarkus offers no hook to give that answer a body.
 */
class MalformedRequestsTest {
    private static final String JSON = "application/json";
    private static final String NDJSON = "application/x-ndjson";
    private static final byte[] INVALID_UTF8 = {'{', '"', 'p', 'r', 'o', 'm', 'p', 't', '"', ':', '"', (byte) 0xC3, 0x28,
            (byte) 0xFF, (byte) 0xFE, '"', '}'};

    /** One malformed request: which service, and what is sent. */
    record Case(String name, Function<LocalStack, String> service, String method, String target,
                Map<String, String> headers, byte[] body) {
        /** Refused by the HTTP decoder before any application code runs. */
        boolean refusedByDecoder() {
            return name.contains("100 KiB header") || name.contains("broken escape");
        }
    }

    @BeforeAll
    static void untilTheAuditStoreAnswers() {
        LocalStack stack = SecuredPipeline.stack();
        Map<String, String> server = auth("Bearer " + SecuredPipeline.token("read", "*", Duration.ofMinutes(5)), null);
        // A 503 while Kafka Streams starts is the right answer, but not the one these cases are about.
        await("the audit store answering (not 503)").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> RawHttp.send(stack.consumersUrl(), "GET", "/v1/responses/none", server, null).status() != 503);
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedRequestIsAnsweredWithA4xxJsonError() {
        LocalStack stack = SecuredPipeline.stack();
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            RawHttp.Answer answer = RawHttp.send(c.service().apply(stack), c.method(), c.target(), c.headers(), c.body());
            String seen = answer.status() + " " + answer.headers() + " " + answer.body();
            assertTrue(answer.status() >= 400 && answer.status() < 500, "not a 4xx: " + seen);
            if (c.refusedByDecoder()) {
                assertEquals(c.name().contains("header") ? 431 : 400, answer.status(), seen);
                assertEquals("close", answer.header("Connection"), seen);
                return;
            }
            assertTrue(String.valueOf(answer.header("Content-Type")).startsWith(JSON), "not JSON: " + seen);
            JsonNode body = ProtocolJson.mapper().readTree(answer.body());
            assertTrue(body.path("error").path("code").isTextual(), "no error code: " + seen);
            assertTrue(body.path("error").path("message").isTextual(), "no error message: " + seen);
        }));
    }

    @Test
    void everyServiceStillAnswersAfterTheMalformedRequests() {
        LocalStack stack = SecuredPipeline.stack();
        cases().forEach(c -> RawHttp.send(c.service().apply(stack), c.method(), c.target(), c.headers(), c.body()));

        for (String url : List.of(stack.ingestUrl(), stack.relayUrl(), stack.consumersUrl())) {
            assertEquals(200, RawHttp.send(url, "GET", "/q/health/live", Map.of(), null).status(), url);
        }
    }

    private static List<Case> cases() {
        String gateway = "Bearer " + SecuredPipeline.GATEWAY_KEY;
        String reader = "Bearer " + SecuredPipeline.token("read cancel", "fz-1", Duration.ofMinutes(10));
        String server = "Bearer " + SecuredPipeline.token("read", "*", Duration.ofMinutes(10));
        String huge = "x".repeat(16 * 1024);
        String enormous = "x".repeat(100 * 1024);
        byte[] garbage = new byte[512];
        new Random(7).nextBytes(garbage);
        List<Case> cases = new ArrayList<>();
        Function<LocalStack, String> ingest = LocalStack::ingestUrl;
        Function<LocalStack, String> relay = LocalStack::relayUrl;
        Function<LocalStack, String> consumers = LocalStack::consumersUrl;

        String start = "/v1/conversations/fz-1/responses";
        cases.add(new Case("ingest start: bad JSON", ingest, "POST", start, auth(gateway, JSON), bytes("{\"prompt\":")));
        cases.add(new Case("ingest start: a JSON array", ingest, "POST", start, auth(gateway, JSON), bytes("[1,2]")));
        cases.add(new Case("ingest start: invalid UTF-8", ingest, "POST", start, auth(gateway, JSON), INVALID_UTF8));
        cases.add(new Case("ingest start: text/plain", ingest, "POST", start, auth(gateway, "text/plain"), bytes("hello")));
        cases.add(new Case("ingest start: empty body", ingest, "POST", start, auth(gateway, JSON), new byte[0]));
        cases.add(new Case("ingest start: deep nesting", ingest, "POST", start, auth(gateway, JSON),
                bytes("{\"prompt\":" + "[".repeat(100_000))));
        cases.add(new Case("ingest start: prompt is a number", ingest, "POST", start, auth(gateway, JSON), bytes("{\"prompt\":1}")));
        cases.add(new Case("ingest start: 16 KiB header", ingest, "POST", start, with(auth(gateway, JSON), huge), bytes("{}")));
        cases.add(new Case("ingest start: 100 KiB header", ingest, "POST", start, with(auth(gateway, JSON), enormous), bytes("{}")));
        cases.add(new Case("ingest start: undecodable path", ingest, "POST", "/v1/conversations/%FF%FE/responses",
                auth(gateway, JSON), bytes("{\"prompt\":\"x\"}")));
        cases.add(new Case("ingest start: broken escape in path", ingest, "POST", "/v1/conversations/%zz/responses",
                auth(gateway, JSON), bytes("{\"prompt\":\"x\"}")));
        cases.add(new Case("ingest start: no credentials", ingest, "POST", start, Map.of("Content-Type", JSON),
                bytes("{\"prompt\":\"x\"}")));

        String push = "/v1/conversations/fz-1/responses/fz-r1/chunks";
        cases.add(new Case("ingest push: bad JSON line", ingest, "POST", push, auth(gateway, NDJSON), bytes("{\"type\":\n")));
        cases.add(new Case("ingest push: invalid UTF-8", ingest, "POST", push, auth(gateway, NDJSON), INVALID_UTF8));
        cases.add(new Case("ingest push: application/json", ingest, "POST", push, auth(gateway, JSON), bytes("{}")));
        cases.add(new Case("ingest push: seq is text", ingest, "POST", push, auth(gateway, NDJSON),
                bytes("{\"type\":\"response.started\",\"seq\":\"zero\"}\n")));
        cases.add(new Case("ingest push: binary garbage", ingest, "POST", push, auth(gateway, NDJSON), garbage));
        cases.add(new Case("ingest push: 100 KiB header", ingest, "POST", push, with(auth(gateway, NDJSON), enormous), bytes("\n")));

        String cancel = "/v1/conversations/fz-1/responses/fz-r1/cancel";
        cases.add(new Case("ingest cancel: bad JSON", ingest, "POST", cancel, auth(gateway, JSON), bytes("{")));
        cases.add(new Case("ingest cancel: reason is a number", ingest, "POST", cancel, auth(gateway, JSON), bytes("{\"reason\":5}")));
        cases.add(new Case("ingest cancel: invalid UTF-8", ingest, "POST", cancel, auth(gateway, JSON),
                new byte[]{'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}));
        cases.add(new Case("ingest cancel: NUL in the response id", ingest, "POST",
                "/v1/conversations/fz-1/responses/%00/cancel", auth(gateway, JSON), bytes("{}")));

        String stream = "/v1/conversations/fz-1/stream";
        cases.add(new Case("relay stream: from=garbage", relay, "GET", stream + "?from=garbage", auth(reader, null), null));
        cases.add(new Case("relay stream: bad Last-Event-ID", relay, "GET", stream,
                with(auth(reader, null), "Last-Event-ID", "1.2.3.zzzz"), null));
        cases.add(new Case("relay stream: undecodable lastEventId", relay, "GET", stream + "?lastEventId=%FF",
                auth(reader, null), null));
        cases.add(new Case("relay stream: broken escape in query", relay, "GET", stream + "?from=%zz", auth(reader, null), null));
        cases.add(new Case("relay stream: 100 KiB header", relay, "GET", stream, with(auth(reader, null), enormous), null));
        cases.add(new Case("relay stream: undecodable path", relay, "GET", "/v1/conversations/%FF/stream", auth(reader, null), null));
        cases.add(new Case("relay stream: tampered token", relay, "GET", stream,
                auth(reader.substring(0, reader.length() - 3) + "abc", null), null));
        cases.add(new Case("relay stream: broken escape in the token", relay, "GET", stream + "?access_token=%ZZ", Map.of(), null));

        String demoStart = "/v1/conversations/demo-fz/responses";
        cases.add(new Case("relay start: bad JSON", relay, "POST", demoStart, Map.of("Content-Type", JSON), bytes("{\"prompt\"")));
        cases.add(new Case("relay start: invalid UTF-8", relay, "POST", demoStart, Map.of("Content-Type", JSON), INVALID_UTF8));
        cases.add(new Case("relay start: text/plain", relay, "POST", demoStart, Map.of("Content-Type", "text/plain"), bytes("hi")));
        cases.add(new Case("relay start: body of 300 KiB", relay, "POST", demoStart, Map.of("Content-Type", JSON),
                bytes("{\"prompt\":\"" + "x".repeat(300 * 1024) + "\"}")));
        cases.add(new Case("relay start: 100 KiB header", relay, "POST", demoStart,
                with(Map.of("Content-Type", JSON), enormous), bytes("{}")));
        String relayCancel = "/v1/conversations/fz-1/responses/fz-r1/cancel";
        cases.add(new Case("relay cancel: body of 10 KiB", relay, "POST", relayCancel, auth(reader, JSON),
                bytes("{\"reason\":\"" + "x".repeat(10 * 1024) + "\"}")));
        cases.add(new Case("relay cancel: bad JSON", relay, "POST", relayCancel, auth(reader, JSON), bytes("{")));

        cases.add(new Case("consumers response: undecodable id", consumers, "GET", "/v1/responses/%FF", auth(server, null), null));
        cases.add(new Case("consumers response: 3000-character id", consumers, "GET", "/v1/responses/" + "x".repeat(3000),
                auth(server, null), null));
        cases.add(new Case("consumers transcript: broken escape in the page token", consumers, "GET",
                "/v1/conversations/fz-1/transcript?page_token=%%%garbage", auth(reader, null), null));
        cases.add(new Case("consumers transcript: garbage page token", consumers, "GET",
                "/v1/conversations/fz-1/transcript?page_token=garbage!!", auth(reader, null), null));
        cases.add(new Case("consumers transcript: page_size=abc", consumers, "GET",
                "/v1/conversations/fz-1/transcript?page_size=abc", auth(reader, null), null));
        cases.add(new Case("consumers stats: 100 KiB header", consumers, "GET", "/v1/stats", with(auth(server, null), enormous), null));
        cases.add(new Case("consumers transcript: no token", consumers, "GET", "/v1/conversations/fz-1/transcript", Map.of(), null));
        return cases;
    }

    private static Map<String, String> auth(String authorization, String contentType) {
        return contentType == null ? Map.of("Authorization", authorization)
                : Map.of("Authorization", authorization, "Content-Type", contentType);
    }

    private static Map<String, String> with(Map<String, String> headers, String filler) {
        return with(headers, "X-Filler", filler);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
