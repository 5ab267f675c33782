package tokenstream.ingest.upstream;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a model is asked to do, independent of any upstream's wire format. A bare prompt arrives as a
 * single user message.
 *
 * @param model    the model name asked for
 * @param messages the conversation, never empty
 * @param options  generation options
 * @param metadata caller metadata, passed through untouched (never null)
 */
public record GenerationRequest(String model, List<ChatMessage> messages, GenerationOptions options,
                                ObjectNode metadata) {

    public GenerationRequest {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a generation needs at least one message");
        }
    }

    /** The message contents joined by newlines: the prompt as one text (what the simulator reads). */
    public String promptText() {
        return messages.stream().map(ChatMessage::content).collect(Collectors.joining("\n"));
    }
}
