package tokenstream.localstack;

/** What the launcher prints once everything answers: where things are and how to try them. */
final class Banner {
    private Banner() {
    }

    static String of(LocalStack stack) {
        String ingest = stack.ingestUrl();
        String relay = stack.relayUrl();
        return String.join("\n",
                "",
                "tokenstream local stack is running",
                "  demo page        " + relay + "/",
                "  relay (SSE)      " + relay + "/v1/conversations/{conversationId}/stream",
                "  ingest           " + ingest + "/v1/conversations/{conversationId}/responses",
                "  consumers        " + stack.consumersUrl() + "/v1/responses/{responseId}",
                "  Kafka bootstrap  " + stack.bootstrapServers(),
                "  service logs     " + stack.logDir() + "/{ingest,relay,consumers}.log",
                "  broker log       " + stack.broker().logFile(),
                "",
                "Start a generation (through the relay, as the demo page does; the answer holds access_token):",
                "  curl -s -X POST -H 'Content-Type: application/json' -d '{\"prompt\":\"hello\"}' "
                        + relay + "/v1/conversations/demo-1/responses",
                "Watch the conversation stream (from its start) with that token:",
                "  curl -N '" + relay + "/v1/conversations/demo-1/stream?from=start&access_token=<access_token>'",
                "",
                "Press Ctrl-C to stop everything.",
                "");
    }
}
