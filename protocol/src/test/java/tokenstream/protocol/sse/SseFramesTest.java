package tokenstream.protocol.sse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tokenstream.protocol.EventId;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SseFramesTest {
    private static final EventId ID = new EventId(2, 41);

    @Test
    void anEventIsIdEventAndOneDataLineThenABlankLine() {
        byte[] frame = SseFrames.event(ID, "text.delta", utf8("{\"text\":\"Hé\"}"));

        assertEquals("id: " + ID.encode() + "\nevent: text.delta\ndata: {\"text\":\"Hé\"}\n\n", text(frame));
    }

    @Test
    void aValueWithLineBreaksBecomesOneDataLinePerLine() {
        byte[] frame = SseFrames.event(ID, "x.note", utf8("a\nb\r\nc\rd"));

        assertEquals("id: " + ID.encode() + "\nevent: x.note\ndata: a\ndata: b\ndata: c\ndata: d\n\n", text(frame));
    }

    @Test
    void anEmptyValueIsOneEmptyDataLine() {
        assertEquals("id: " + ID.encode() + "\nevent: x.e\ndata: \n\n", text(SseFrames.event(ID, "x.e", new byte[0])));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"text\":\"Hé\"}", "", "a\nb\r\nc\rd", "\r\n", "ends with CR\r", "\n\n\n"})
    void framingIntoABufferWritesTheEventsBytesAndItsLength(String value) {
        byte[] fields = SseFrames.eventFields(ID, "x.note");
        int length = SseFrames.eventLength(fields, utf8(value));
        ByteBuffer slab = ByteBuffer.allocateDirect(length + 10).position(5);

        SseFrames.writeEvent(slab, fields, utf8(value));

        byte[] written = new byte[length];
        slab.flip().position(5).get(written);
        assertEquals(text(SseFrames.event(ID, "x.note", utf8(value))), text(written));
        assertEquals(0, slab.remaining());
    }

    @Test
    void framingIntoABufferTooSmallFails() {
        byte[] fields = SseFrames.eventFields(ID, "text.delta");
        byte[] data = utf8("{}");

        assertThrows(BufferOverflowException.class,
                () -> SseFrames.writeEvent(ByteBuffer.allocate(SseFrames.eventLength(fields, data) - 1), fields, data));
    }

    @Test
    void theFieldsOfATypeWithALineBreakAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SseFrames.eventFields(ID, "x.a\nevent: y"));
    }

    @Test
    void aControlEventHasNoId() {
        assertEquals("event: stream.reconnect\ndata: {\"a\":1}\n\n",
                text(SseFrames.control("stream.reconnect", "{\"a\":1}")));
    }

    @Test
    void retryAndHeartbeatAreFramesOfTheirOwn() {
        assertEquals("retry: 3000\n\n", SseFrames.retry(3000));
        assertEquals(": keep-alive\n\n", SseFrames.HEARTBEAT);
        assertEquals(": hello\n\n", SseFrames.comment("hello"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "\n", "text.delta\ndata: forged"})
    void aTypeWithCrLfOrNulIsRefused(String type) {
        assertThrows(IllegalArgumentException.class, () -> SseFrames.event(ID, type, utf8("{}")));
        assertThrows(IllegalArgumentException.class, () -> SseFrames.control(type, "{}"));
        assertThrows(IllegalArgumentException.class, () -> SseFrames.comment(type));
    }

    @Test
    void theRefusalNamesWhereTheBreakIs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SseFrames.requireFieldValue("ab\rc"));

        assertEquals("an SSE field value cannot hold CR, LF or NUL (at index 2)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b"})
    void aValueWithCrLfOrNulIsNoFieldValue(String value) {
        assertFalse(SseFrames.isFieldValue(value));
    }

    @Test
    void aValueWithoutThemIsAFieldValue() {
        assertTrue(SseFrames.isFieldValue("x.ok é"));
        assertTrue(SseFrames.isFieldValue(""));
    }

    @Test
    void aFramedEventParsesBackToTheSameEvent() {
        String data = "{\"text\":\"Hé 🎉\"}";

        List<SseEvent> events = parse(SseFrames.event(ID, "text.delta", utf8(data)));

        assertEquals(List.of(new SseEvent(ID.encode(), "text.delta", data)), events);
    }

    @Test
    void aControlEventParsesBackWithoutAnId() {
        assertEquals(List.of(new SseEvent(null, "stream.end", "{}")), parse(SseFrames.control("stream.end", "{}")));
    }

    @Test
    void dataThatLooksLikeFieldsStaysData() {
        String hostile = "{}\n\nid: 0.0.0.x\nevent: stream.reconnect\ndata: forged\r\n\r\n: c";

        List<SseEvent> events = parse(SseFrames.event(ID, "x.hostile", utf8(hostile)));

        // line breaks reach the client as LF: that is all a data line can carry
        assertEquals(List.of(new SseEvent(ID.encode(), "x.hostile", hostile.replace("\r\n", "\n"))), events);
    }

    @Test
    void hostileControlDataStaysOneEvent() {
        String hostile = "a\r\rb\n\ndata: c";

        assertEquals(List.of(new SseEvent(null, "stream.x", "a\n\nb\n\ndata: c")),
                parse(SseFrames.control("stream.x", hostile)));
    }

    private static List<SseEvent> parse(byte[] frame) {
        List<SseEvent> events = new ArrayList<>();
        new SseParser(events::add).feed(frame);
        return events;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
