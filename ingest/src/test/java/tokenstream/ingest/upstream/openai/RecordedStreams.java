package tokenstream.ingest.upstream.openai;

import java.util.List;

/**
 * Chat Completions event streams as OpenAI sends them (ids and fingerprints shortened), for the fake
 * server to replay.
 */
public final class RecordedStreams {
    private RecordedStreams() {
    }

    private static String chunk(String choices) {
        return "data: {\"id\":\"chatcmpl-AbC1\",\"object\":\"chat.completion.chunk\",\"created\":1732600000,"
                + "\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":" + choices
                + ",\"usage\":null}";
    }

    /** Text, then two parallel tool calls streamed by index, then finish_reason, usage and [DONE]. */
    public static final List<String> TEXT_AND_TWO_PARALLEL_TOOL_CALLS = List.of(
            chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"content\":\"Let me\"},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"content\":\" check both cities.\"},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_Zr1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Zür\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ich\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_Pa2\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"{\\\"city\\\": \"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"Paris\\\", \\\"days\\\": 2}\"}}]},\"logprobs\":null,\"finish_reason\":null}]"),
            "",
            chunk("[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]"),
            "",
            "data: {\"id\":\"chatcmpl-AbC1\",\"object\":\"chat.completion.chunk\",\"created\":1732600000,\"model\":\"gpt-4o-mini-2024-07-18\","
                    + "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[],\"usage\":{\"prompt_tokens\":84,\"completion_tokens\":51,"
                    + "\"total_tokens\":135,\"prompt_tokens_details\":{\"cached_tokens\":0},\"completion_tokens_details\":{\"reasoning_tokens\":0}}}",
            "",
            "data: [DONE]",
            "");

    /** The first line of a text stream, for streams that then keep going. */
    public static String text(String content) {
        return chunk("[{\"index\":0,\"delta\":{\"content\":" + tokenstream.protocol.ProtocolJson.mapper().valueToTree(content)
                + "},\"logprobs\":null,\"finish_reason\":null}]") + "\n";
    }
}
