package tokenstream.protocol.sse;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SseParserTest {

    /** Records what a parser reports. */
    private static final class Seen implements SseParser.Listener {
        final List<SseEvent> events = new ArrayList<>();
        final List<Long> retries = new ArrayList<>();
        final List<String> comments = new ArrayList<>();

        @Override
        public void onEvent(SseEvent event) {
            events.add(event);
        }

        @Override
        public void onRetry(long millis) {
            retries.add(millis);
        }

        @Override
        public void onComment(String text) {
            comments.add(text);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seen s && events.equals(s.events) && retries.equals(s.retries)
                    && comments.equals(s.comments);
        }

        @Override
        public int hashCode() {
            return events.hashCode();
        }

        @Override
        public String toString() {
            return events + " " + retries + " " + comments;
        }
    }

    private static final String STREAM = "\uFEFFretry: 2500\r\n: keep-alive\r\n\r\n"
            + "id: 0.1.2.x\revent: text.delta\rdata: {\"text\":\"Hé 🎉 ✓\"}\r\r"
            + "event: stream.end\ndata: a\ndata:b\ndata\n\n"
            + "id: 0.1.3.y\r\nevent: x.n\r\ndata: é\r\n\r\n"
            + "data: never ended";

    @Test
    void eventsAreDispatchedAtABlankLine() {
        Seen seen = parseWhole("id: 1\nevent: text.delta\ndata: {}\n\n");

        assertEquals(List.of(new SseEvent("1", "text.delta", "{}")), seen.events);
    }

    @Test
    void anEventWithoutATypeIsAMessage() {
        assertEquals(List.of(new SseEvent(null, "message", "x")), parseWhole("data: x\n\n").events);
        assertEquals(List.of(new SseEvent(null, "message", "x")), parseWhole("event:\ndata: x\n\n").events);
    }

    @Test
    void dataLinesAreJoinedWithLf() {
        assertEquals("a\n\nb", parseWhole("data: a\ndata\ndata: b\n\n").events.get(0).data());
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        assertEquals("  a", parseWhole("data:   a\n\n").events.get(0).data());
        assertEquals("a", parseWhole("data:a\n\n").events.get(0).data());
    }

    @Test
    void crLfAndCrLfAllEndALine() {
        List<SseEvent> expected = List.of(new SseEvent("1", "e", "a\nb"));

        assertEquals(expected, parseWhole("id: 1\nevent: e\ndata: a\ndata: b\n\n").events);
        assertEquals(expected, parseWhole("id: 1\revent: e\rdata: a\rdata: b\r\r").events);
        assertEquals(expected, parseWhole("id: 1\r\nevent: e\r\ndata: a\r\ndata: b\r\n\r\n").events);
    }

    @Test
    void anEventWithoutDataIsNotDispatched() {
        assertEquals(List.of(), parseWhole("event: e\nid: 3\n\n").events);
    }

    @Test
    void anEventTheStreamDoesNotEndIsNotDispatched() {
        assertEquals(List.of(), parseWhole("data: a\n").events);
    }

    @Test
    void theLastEventIdOutlivesEventsWithoutAnIdLine() {
        SseParser parser = new SseParser(new Seen());

        parser.feed(utf8("id: 7\ndata: a\n\ndata: b\n\n"));

        assertEquals("7", parser.lastEventId());
    }

    @Test
    void anEventWithoutAnIdLineHasANullId() {
        assertNull(parseWhole("id: 7\ndata: a\n\ndata: b\n\n").events.get(1).id());
    }

    @Test
    void anIdWithNulIsIgnored() {
        Seen seen = new Seen();
        SseParser parser = new SseParser(seen);

        parser.feed(utf8("id: 7\ndata: a\n\nid: 8\u0000\ndata: b\n\n"));

        assertNull(seen.events.get(1).id());
        assertEquals("7", parser.lastEventId());
    }

    @Test
    void anEmptyIdResetsTheLastEventId() {
        SseParser parser = new SseParser(new Seen());

        parser.feed(utf8("id: 7\ndata: a\n\nid\ndata: b\n\n"));

        assertEquals("", parser.lastEventId());
    }

    @Test
    void anIdWithoutDataStillMovesTheLastEventId() {
        SseParser parser = new SseParser(new Seen());

        parser.feed(utf8("id: 9\n\n"));

        assertEquals("9", parser.lastEventId());
    }

    @Test
    void retryIsTakenOnlyWhenItIsAllDigits() {
        assertEquals(List.of(3000L), parseWhole("retry: 3000\n\n").retries);
        assertEquals(List.of(), parseWhole("retry: 30s\nretry: -1\nretry:\nretry: 1 \n").retries);
    }

    @Test
    void commentsAreReportedWithoutTheirColonAndSpace() {
        assertEquals(List.of("keep-alive", ""), parseWhole(": keep-alive\n:\n").comments);
    }

    @Test
    void unknownAndMiscasedFieldsAreIgnored() {
        assertEquals(List.of(new SseEvent(null, "message", "x")),
                parseWhole("Data: no\nEVENT: no\nfoo: bar\ndata: x\n\n").events);
    }

    @Test
    void aByteOrderMarkIsSkippedAtTheStartOnly() {
        assertEquals(List.of(new SseEvent(null, "message", "x")), parseWhole("\uFEFFdata: x\n\n").events);
        // later, it is part of the field name, which then is no field
        assertEquals(List.of(new SseEvent(null, "message", "x")), parseWhole("data: x\n\uFEFFdata: y\n\n").events);
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        Seen seen = new Seen();

        new SseParser(seen).feed(new byte[]{'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, 'x', '\n', '\n'});

        assertEquals("\uFFFDx", seen.events.get(0).data());
    }

    @Test
    void everySplitIntoTwoByteChunksGivesTheSameResult() {
        byte[] stream = utf8(STREAM);
        Seen whole = parseWhole(STREAM);

        for (int cut = 0; cut <= stream.length; cut++) {
            Seen seen = new Seen();
            SseParser parser = new SseParser(seen);
            parser.feed(stream, 0, cut);
            parser.feed(stream, cut, stream.length - cut);
            assertEquals(whole, seen, "cut at byte " + cut);
        }
    }

    @Test
    void everySplitIntoThreeByteChunksGivesTheSameResult() {
        byte[] stream = utf8(STREAM);
        Seen whole = parseWhole(STREAM);

        for (int a = 0; a <= stream.length; a++) {
            for (int b = a; b <= stream.length; b++) {
                Seen seen = new Seen();
                SseParser parser = new SseParser(seen);
                parser.feed(ByteBuffer.wrap(stream, 0, a));
                parser.feed(ByteBuffer.wrap(stream, a, b - a));
                parser.feed(ByteBuffer.wrap(stream, b, stream.length - b).asReadOnlyBuffer());
                assertEquals(whole, seen, "cuts at bytes " + a + " and " + b);
            }
        }
    }

    @Test
    void theWholeStreamIsReadAsAnEventSourceWould() {
        Seen seen = parseWhole(STREAM);

        assertEquals(List.of(
                new SseEvent("0.1.2.x", "text.delta", "{\"text\":\"Hé 🎉 ✓\"}"),
                new SseEvent(null, "stream.end", "a\nb\n"),
                new SseEvent("0.1.3.y", "x.n", "é")), seen.events);
        assertEquals(List.of(2500L), seen.retries);
        assertEquals(List.of("keep-alive"), seen.comments);
    }

    @Test
    void byteByByteAndRandomChunksGiveTheSameResult() {
        byte[] stream = utf8(STREAM);
        Seen whole = parseWhole(STREAM);
        Random random = new Random(15);

        for (int round = 0; round < 200; round++) {
            Seen seen = new Seen();
            SseParser parser = new SseParser(seen);
            int at = 0;
            while (at < stream.length) {
                int n = Math.min(stream.length - at, round == 0 ? 1 : random.nextInt(8));
                parser.feed(stream, at, n);
                at += n;
            }
            assertEquals(whole, seen, "round " + round);
        }
    }

    @Test
    void everySplitIntoTwoCharChunksGivesTheSameResult() {
        Seen whole = parseWhole(STREAM);

        for (int cut = 0; cut <= STREAM.length(); cut++) {
            Seen seen = new Seen();
            SseParser parser = new SseParser(seen);
            parser.feed(STREAM.subSequence(0, cut));
            parser.feed(STREAM.subSequence(cut, STREAM.length()));
            assertEquals(whole, seen, "cut at char " + cut);
        }
    }

    @Test
    void aLoneSurrogateInCharsBecomesAReplacementCharacter() {
        Seen seen = new Seen();

        new SseParser(seen).feed("data: a\uD83Cb\uDF89\n\n");

        assertEquals("a\uFFFDb\uFFFD", seen.events.get(0).data());
    }

    @Test
    void aLongLineAndALargeEventGrowTheBuffers() {
        String big = "x".repeat(100_000);

        assertEquals(big + "\n" + big, parseWhole("data: " + big + "\ndata: " + big + "\n\n").events.get(0).data());
    }

    @Test
    void buffersAreReusedWithoutLeakingIntoTheNextEvent() {
        assertEquals(List.of(new SseEvent(null, "a", "long value"), new SseEvent(null, "message", "s")),
                parseWhole("event: a\ndata: long value\n\ndata: s\n\n").events);
    }

    private static Seen parseWhole(String stream) {
        Seen seen = new Seen();
        new SseParser(seen).feed(utf8(stream));
        return seen;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
