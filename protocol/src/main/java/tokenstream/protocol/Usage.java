package tokenstream.protocol;

/** Token accounting reported by the model at the end of a response. */
public record Usage(long promptTokens, long completionTokens, long totalTokens) {
    /** Usage with the total derived from its parts. */
    public static Usage of(long promptTokens, long completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens);
    }
}
