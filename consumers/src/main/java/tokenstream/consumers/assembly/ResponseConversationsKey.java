package tokenstream.consumers.assembly;

import tokenstream.protocol.ResponseKey;

/**
 * Keys of the {@value ResponseTopology#RESPONSE_CONVERSATIONS_STORE} store: {@code <response id>/<conversation id>}.
 * Neither id contains {@code /} (the assembler dead-letters events whose ids do), so the keys of one response id are
 * exactly those starting with {@code <response id>/}: a prefix scan finds every conversation that used the id.
 */
public final class ResponseConversationsKey {
    private ResponseConversationsKey() {
    }

    public static String of(String responseId, String conversationId) {
        return prefix(responseId) + conversationId;
    }

    public static String prefix(String responseId) {
        return responseId + ResponseKey.SEPARATOR;
    }
}
