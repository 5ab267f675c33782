package tokenstream.relay.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tokenstream.protocol.Usage;

/** Token counts in OpenAI's {@code usage} shape. */
final class Usages {
    private Usages() {
    }

    static ObjectNode json(Usage usage) {
        return JsonNodeFactory.instance.objectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }
}
