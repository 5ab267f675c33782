package tokenstream.ingest.upstream.anthropic;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages API event streams as Anthropic sends them (ids and signatures shortened), for the fake server to replay:
 * each event an {@code event:} line, a {@code data:} line and a blank line.
 */
public final class RecordedMessages {
    private RecordedMessages() {
    }

    private static List<String> events(String... typeAndData) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < typeAndData.length; i += 2) {
            lines.add("event: " + typeAndData[i]);
            lines.add("data: " + typeAndData[i + 1]);
            lines.add("");
        }
        return List.copyOf(lines);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    private static final String[] MESSAGE_START = {"message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
                    + "\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":472,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":20,\"output_tokens\":2}}}"};

    private static String delta(int index, String delta) {
        return "{\"type\":\"content_block_delta\",\"index\":" + index + ",\"delta\":" + delta + "}";
    }

    private static String stop(int index) {
        return "{\"type\":\"content_block_stop\",\"index\":" + index + "}";
    }

    /** A plain answer in two text deltas, with pings between, ending on {@code end_turn}. */
    public static final List<String> TEXT = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "ping", "{\"type\": \"ping\"}",
            "content_block_delta", delta(0, "{\"type\":\"text_delta\",\"text\":\"Hello\"}"),
            "ping", "{\"type\": \"ping\"}",
            "content_block_delta", delta(0, "{\"type\":\"text_delta\",\"text\":\", Zürich!\"}"),
            "content_block_stop", stop(0),
            "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":15}}",
            "message_stop", "{\"type\":\"message_stop\"}");

    /**
     * Extended thinking (with its signature), a text block, then two tool calls whose {@code input_json_delta}s split
     * the arguments mid-key and mid-string; everything but the end.
     */
    private static final List<String> THINKING_TEXT_AND_TWO_TOOL_CALLS = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}",
            "content_block_delta", delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\"Two cities, so\"}"),
            "ping", "{\"type\": \"ping\"}",
            "content_block_delta", delta(0, "{\"type\":\"thinking_delta\",\"thinking\":\" two weather calls.\"}"),
            "content_block_delta", delta(0, "{\"type\":\"signature_delta\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h\"}"),
            "content_block_stop", stop(0),
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "content_block_delta", delta(1, "{\"type\":\"text_delta\",\"text\":\"Let me check\"}"),
            "content_block_delta", delta(1, "{\"type\":\"text_delta\",\"text\":\" both cities.\"}"),
            "content_block_stop", stop(1),
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\","
                    + "\"id\":\"toolu_01Zr\",\"name\":\"get_weather\",\"input\":{}}}",
            "content_block_delta", delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"\"}"),
            "content_block_delta", delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ci\"}"),
            "content_block_delta", delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"ty\\\": \\\"Zür\"}"),
            "content_block_delta", delta(2, "{\"type\":\"input_json_delta\",\"partial_json\":\"ich\\\"}\"}"),
            "content_block_stop", stop(2),
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\","
                    + "\"id\":\"toolu_02Pa\",\"name\":\"get_weather\",\"input\":{}}}",
            "content_block_delta", delta(3, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}"),
            "content_block_delta", delta(3, "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\", \\\"days\\\": 2}\"}"),
            "content_block_stop", stop(3));

    /** Thinking, text and two whole tool calls, ending on {@code tool_use} with usage. */
    public static final List<String> THINKING_TEXT_TWO_TOOL_CALLS_COMPLETED = concat(THINKING_TEXT_AND_TWO_TOOL_CALLS, events(
            "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":89}}",
            "message_stop", "{\"type\":\"message_stop\"}"));

    /** Thinking, text and two whole tool calls, then the API is overloaded before the message ends. */
    public static final List<String> THINKING_TEXT_TWO_TOOL_CALLS_THEN_OVERLOADED = concat(THINKING_TEXT_AND_TWO_TOOL_CALLS,
            events("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));

    /** Some text, then an internal error of the API mid-stream. */
    public static final List<String> TEXT_THEN_API_ERROR = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "content_block_delta", delta(0, "{\"type\":\"text_delta\",\"text\":\"Part\"}"),
            "error", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}");

    /** An answer cut off by {@code max_tokens}. */
    public static final List<String> CUT_AT_MAX_TOKENS = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
            "content_block_delta", delta(0, "{\"type\":\"text_delta\",\"text\":\"Once upon\"}"),
            "content_block_stop", stop(0),
            "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":2}}",
            "message_stop", "{\"type\":\"message_stop\"}");

    /** A tool call whose arguments break the tool's schema ({@code days} is a string), then more output. */
    public static final List<String> TOOL_CALL_WITH_INVALID_ARGUMENTS = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                    + "\"id\":\"toolu_03Xx\",\"name\":\"get_weather\",\"input\":{}}}",
            "content_block_delta", delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Oslo\\\", \"}"),
            "content_block_delta", delta(0, "{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"days\\\": \\\"two\\\"}\"}"),
            "content_block_stop", stop(0));

    /** The body of an HTTP error answered before any stream. */
    public static String errorBody(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    /** One text delta event, as the line block the fake server repeats for a stream that keeps going. */
    public static String textEvent(String text) {
        return "event: content_block_delta\ndata: " + delta(0, "{\"type\":\"text_delta\",\"text\":\"" + text + "\"}") + "\n";
    }

    /** The start of a stream that then keeps sending {@link #textEvent}s. */
    public static final List<String> OPENING = events(
            MESSAGE_START[0], MESSAGE_START[1],
            "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
}
