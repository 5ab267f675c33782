package tokenstream.ingest.upstream;

/** One message of the conversation given to the model, in the OpenAI chat shape. */
public record ChatMessage(String role, String content) {
}
