package tokenstream.protocol;

/**
 * The HTTP names of the relay's OpenAI-compatible endpoint ({@code POST /v1/chat/completions}) beyond OpenAI's own:
 * how a client names the conversation and where it resumes a stream.
 */
public final class ChatCompletionsHttp {
    /**
     * Request and response header: the conversation the completion belongs to. A request without it gets a new
     * conversation, named in the answer's header.
     */
    public static final String CONVERSATION_HEADER = "X-Tokenstream-Conversation";
    /**
     * Response header of a streamed completion: the path (relative to the relay) at which a client that lost the
     * stream continues it with {@code Last-Event-ID}, in the same format.
     */
    public static final String RESUME_URL_HEADER = "X-Tokenstream-Resume-Url";
    /** Query parameter of the resume and cancel paths naming the conversation (instead of the header). */
    public static final String CONVERSATION_PARAMETER = "conversation";
    /** Query parameter of the resume path: the event id of the response's {@code response.started}. */
    public static final String START_PARAMETER = "start";
    /** Query parameter of the resume path: {@code true} when the stream was asked for a usage chunk. */
    public static final String INCLUDE_USAGE_PARAMETER = "include_usage";

    private ChatCompletionsHttp() {
    }

    /** The resume path of a streamed completion, relative to the relay; the ids are of the URL-safe id alphabet. */
    public static String resumePath(String conversationId, String responseId, EventId start, boolean includeUsage) {
        return "/v1/chat/completions/" + responseId + "/stream?" + CONVERSATION_PARAMETER + "=" + conversationId
                + "&" + START_PARAMETER + "=" + start.encode() + (includeUsage ? "&" + INCLUDE_USAGE_PARAMETER + "=true" : "");
    }
}
