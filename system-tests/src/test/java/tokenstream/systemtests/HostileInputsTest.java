package tokenstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tokenstream.localstack.LocalStack;
import tokenstream.protocol.EventHeaders;
import tokenstream.protocol.EventId;
import tokenstream.protocol.EventType;
import tokenstream.protocol.EventTypes;
import tokenstream.protocol.ProtocolJson;
import tokenstream.testkit.TestChunks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile producer, a hostile writer on the chunks topic or a careless client tries, on the secured stack with
 * real processes, a real broker and raw HTTP: each attempt is refused or neutralised, with a 4xx, never a 5xx.
 */
class HostileInputsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ALLOWED_LINE = Pattern.compile("retry: 2000|: keep-alive|id: 1\\.[0-9]+\\.[0-9]+\\.[0-9a-f]+"
            + "|event: (" + EventTypes.REPLACED + "|" + String.join("|", knownTypes()).replace(".", "\\.") + ")|data: .*");
    private static LocalStack stack;

    @BeforeAll
    static void startSecuredStack() {
        stack = SecuredPipeline.stack();
    }

    private static List<String> knownTypes() {
        List<String> names = new ArrayList<>();
        for (EventType type : EventType.values()) {
            names.add(type.wireName());
        }
        return names;
    }

    private static Map<String, String> gateway(String contentType) {
        return Map.of("Authorization", "Bearer " + SecuredPipeline.GATEWAY_KEY, "Content-Type", contentType);
    }

    private static JsonNode json(RawHttp.Answer answer) throws IOException {
        return ProtocolJson.mapper().readTree(answer.body());
    }

    @Test
    void theForgedPushIsRefusedAtTheRelayEventLineAfterTheFirstLineIsAcknowledged() throws IOException {
        String cid = "hostile-" + UUID.randomUUID();
        String push = """
                {"type":"response.started","seq":0,"model":"m"}
                {"type":"stream.reconnect","seq":1,"code":"slow_client","last_event_id":"0.0.0.0000"}
                {"type":"t\\n\\nretry: 86400000\\nevent: x","seq":2}
                {"type":"response.completed","seq":3}
                """;

        RawHttp.Answer answer = RawHttp.send(stack.ingestUrl(), "POST", "/v1/conversations/" + cid + "/responses/r-x1/chunks",
                gateway("application/x-ndjson"), push.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, answer.status(), answer.body());
        JsonNode error = json(answer).path("error");
        assertEquals("invalid_event_type", error.path("code").asText());
        assertEquals(2, error.path("line").asInt());
        assertEquals(1, error.path("accepted").asInt());
        assertEquals(0, error.path("last_seq").asInt());
        // Line 1 is on the topic: the viewer of the conversation gets it, and nothing of line 2 or later.
        String stream = readStream(cid, "from=start", "event: response.started\n", Duration.ofSeconds(3));
        assertEquals(1, count(stream, "event: response.started\n"), stream);
        assertFalse(stream.contains("stream.reconnect") || stream.contains("retry: 86400000"), stream);
    }

    @Test
    void aPushedTypeWithLineBreaksIsRefusedAsTheFirstLine() throws IOException {
        String cid = "hostile-" + UUID.randomUUID();
        String push = "{\"type\":\"response.started\",\"seq\":0,\"model\":\"m\"}\n"
                + "{\"type\":\"t\\r\\nretry: 86400000\",\"seq\":1}\n";

        RawHttp.Answer answer = RawHttp.send(stack.ingestUrl(), "POST", "/v1/conversations/" + cid + "/responses/r-1/chunks",
                gateway("application/x-ndjson"), push.getBytes(StandardCharsets.UTF_8));

        assertEquals(400, answer.status(), answer.body());
        assertEquals("invalid_event_type", json(answer).path("error").path("code").asText());
        assertEquals(2, json(answer).path("error").path("line").asInt());
    }

    @Test
    void recordsWithLineBreaksInTheirTypeWrittenStraightToKafkaReachTheViewerAsOneSafeEventEach() {
        String cid = "hostile-" + UUID.randomUUID();
        String injection = "t\r\n\r\nretry: 86400000\nevent: stream.reconnect\ndata: {\"code\":\"slow_client\"}";
        String jsonType = ProtocolJson.mapper().getNodeFactory().textNode(injection).toString();
        String value = "{\"type\":" + jsonType + ",\"conversation_id\":\"" + cid + "\",\"response_id\":\"r-raw\","
                + "\"seq\":0,\"timestamp\":\"2026-11-26T10:00:00Z\"}";
        EventId withHeader;
        EventId withoutHeader;
        try (TestChunks writer = new TestChunks(stack.bootstrapServers())) {
            withHeader = writer.writeRaw(cid, value.getBytes(StandardCharsets.UTF_8), Map.of(
                    EventHeaders.EVENT_TYPE, injection.getBytes(StandardCharsets.UTF_8),
                    EventHeaders.RESPONSE_ID, "r-raw".getBytes(StandardCharsets.UTF_8)));
            withoutHeader = writer.writeRaw(cid, value.getBytes(StandardCharsets.UTF_8), Map.of());
            writer.writeResponse(cid, "r-after", List.of(" fine"));
        }

        String stream = readStream(cid, "from=start", "event: response.completed\n", TIMEOUT);

        for (String line : stream.split("\n", -1)) {
            assertTrue(line.isEmpty() || ALLOWED_LINE.matcher(line).matches(), "a field the relay never writes: "
                    + EventTypes.quote(line) + " in\n" + stream);
        }
        assertFalse(stream.contains("\r"), "no CR anywhere in the stream");
        assertEquals(List.of("retry: 2000"), stream.lines().filter(l -> l.startsWith("retry:")).toList(),
                "only the relay's own retry field");
        assertEquals(0, stream.lines().filter(l -> l.startsWith("event: stream.")).count(), stream);
        assertEquals(2, count(stream, "event: " + EventTypes.REPLACED + "\n"), stream);
        assertEquals(1, count(stream, "id: " + withHeader.encode() + "\nevent: " + EventTypes.REPLACED + "\ndata: "), stream);
        assertEquals(1, count(stream, "id: " + withoutHeader.encode() + "\nevent: " + EventTypes.REPLACED + "\ndata: "),
                stream);
        assertEquals(1, count(stream, "event: response.completed\n"), "the stream goes on after them: " + stream);
        RawHttp.Answer metrics = RawHttp.send(stack.relayUrl(), "GET", "/q/metrics", Map.of(), null);
        Matcher counted = Pattern.compile("(?m)^tokenstream_relay_unsafe_events_total(\\{[^}]*})? ([0-9.eE+]+)$")
                .matcher(metrics.body());
        assertTrue(counted.find() && Double.parseDouble(counted.group(2)) >= 2, "counted: " + metrics.body());
    }

    @Test
    void aTokenInTheQueryStringOfAPostIsRefusedByEveryService() throws IOException {
        String cid = "demo-" + UUID.randomUUID();
        String token = SecuredPipeline.token("read cancel produce", cid, Duration.ofMinutes(5));
        String query = "?access_token=" + token;
        List<RawHttp.Answer> answers = List.of(
                RawHttp.send(stack.relayUrl(), "POST", "/v1/conversations/" + cid + "/responses/r-1/cancel" + query,
                        Map.of(), new byte[0]),
                RawHttp.send(stack.relayUrl(), "POST", "/v1/conversations/" + cid + "/responses" + query,
                        Map.of("Content-Type", "application/json"), "{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
                RawHttp.send(stack.ingestUrl(), "POST", "/v1/conversations/" + cid + "/responses" + query,
                        Map.of("Content-Type", "application/json"), "{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8)),
                RawHttp.send(stack.ingestUrl(), "POST", "/v1/conversations/" + cid + "/responses/r-1/chunks" + query,
                        Map.of("Content-Type", "application/x-ndjson"),
                        "{\"type\":\"response.started\",\"seq\":0}\n".getBytes(StandardCharsets.UTF_8)),
                RawHttp.send(stack.consumersUrl(), "GET", "/v1/conversations/" + cid + "/transcript" + query,
                        Map.of("Authorization", "Bearer " + token), null));

        for (RawHttp.Answer answer : answers) {
            assertEquals(401, answer.status(), answer.body());
            JsonNode error = json(answer).path("error");
            assertEquals("query_token_not_allowed", error.path("code").asText(), answer.body());
            assertTrue(error.path("message").asText().contains("Authorization: Bearer"), answer.body());
        }
    }

    @Test
    void aCrossSiteFormPostRidingOnTheCookieIsRefused() throws IOException {
        String cid = "demo-" + UUID.randomUUID();
        String token = SecuredPipeline.token("read cancel", cid, Duration.ofMinutes(5));

        RawHttp.Answer answer = RawHttp.send(stack.relayUrl(), "POST", "/v1/conversations/" + cid + "/responses/r-1/cancel",
                Map.of("Cookie", "tokenstream_token=" + token, "Origin", "https://attacker.example",
                        "Content-Type", "application/x-www-form-urlencoded"), "reason=csrf".getBytes(StandardCharsets.UTF_8));

        assertEquals(403, answer.status(), answer.body());
        assertEquals("csrf_rejected", json(answer).path("error").path("code").asText());
    }

    @Test
    void theDemoPageForbidsFramingInlineScriptAndReferrers() {
        RawHttp.Answer page = RawHttp.send(stack.relayUrl(), "GET", "/", Map.of(), null);

        assertEquals(200, page.status());
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'")
                && !csp.contains("unsafe-inline"), String.valueOf(csp));
        assertEquals("no-referrer", page.header("Referrer-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The stream's body as the server sent it (de-chunked, otherwise byte for byte), read over a plain socket until
     * {@code marker} and the blank line after it arrived, or for at most {@code wait}.
     */
    private static String readStream(String cid, String query, String marker, Duration wait) {
        URI relay = URI.create(stack.relayUrl());
        String token = SecuredPipeline.token("read", cid, Duration.ofMinutes(5));
        try (Socket socket = new Socket(relay.getHost(), relay.getPort())) {
            socket.setSoTimeout(200);
            String request = "GET /v1/conversations/" + cid + "/stream?" + query + " HTTP/1.1\r\nHost: " + relay.getHost()
                    + ":" + relay.getPort() + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    raw.write(buffer, 0, n);
                } catch (SocketTimeoutException quiet) {
                    // nothing for 200 ms: look at what arrived, then wait on
                }
                String body = body(raw.toByteArray());
                int at = body.indexOf(marker);
                if (at >= 0 && body.indexOf("\n\n", at) >= 0) {
                    return body;
                }
            }
            return body(raw.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body after the response head, with the chunked transfer coding removed. */
    private static String body(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        if (head < 0) {
            return "";
        }
        assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, head));
        if (!text.substring(0, head).toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
            return new String(raw, head + 4, raw.length - head - 4, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = head + 4;
        while (at < raw.length) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0 || lineEnd + 2 + size > raw.length) {
                break;
            }
            body.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toString(StandardCharsets.UTF_8);
    }
}
