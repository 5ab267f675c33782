package tokenstream.bench.loadgen;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseStreamParserTest {
    private final List<String> seen = new ArrayList<>();
    private final SseStreamParser parser = new SseStreamParser(new SseStreamParser.Listener() {
        @Override
        public void onResponse(int status) {
            seen.add("status " + status);
        }

        @Override
        public void onEvent(String id, String event, String data) {
            seen.add(id + "|" + event + "|" + data);
        }

        @Override
        public void onBodyEnd() {
            seen.add("end");
        }
    });

    private static final String CHUNKED_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";

    @Test
    void chunkedStreamYieldsEventsWithIdTypeAndData() {
        feed(CHUNKED_HEAD + chunk("retry: 2000\n\n") + chunk("id: 1.0.5.ab\nevent: text.delta\ndata: {\"seq\":1}\n\n"));

        assertEquals(List.of("status 200", "1.0.5.ab|text.delta|{\"seq\":1}"), seen);
        assertEquals("1.0.5.ab", parser.lastEventId());
    }

    @Test
    void eventSplitAcrossChunksAndReadsIsReassembledByteByByte() {
        String wire = CHUNKED_HEAD + chunk("id: 7\ndata: hel") + chunk("lo\n\n");
        for (byte b : wire.getBytes(StandardCharsets.UTF_8)) {
            parser.feed(ByteBuffer.wrap(new byte[]{b}));
        }

        assertEquals(List.of("status 200", "7|message|hello"), seen);
    }

    @Test
    void closeDelimitedBodyWithCrLfLinesAndCommentsIsParsed() {
        feed("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: keep-alive\r\n\r\n"
                + "data: a\r\ndata: b\r\n\r\n");

        assertEquals(List.of("status 200", "null|message|a\nb"), seen);
        assertNull(parser.lastEventId());
    }

    @Test
    void lastChunkEndsTheBody() {
        feed(CHUNKED_HEAD + chunk("data: x\n\n") + "0\r\n\r\n");

        assertEquals(List.of("status 200", "null|message|x", "end"), seen);
    }

    @Test
    void errorStatusIsReportedWithoutEvents() {
        feed("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 20\r\n\r\n{\"error\":{\"code\":1}}");

        assertTrue(seen.get(0).equals("status 503") && seen.size() == 1, seen.toString());
    }

    private void feed(String text) {
        parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }
}
