package tokenstream.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway pushing one response to ingest line by line, as a careful client does: a line counts as delivered
 * only when ingest answers 200; anything else (503, a refused connection) is retried with the same line, which
 * ingest ignores if it had already been written.
 */
final class PushingGateway {
    private final String url;
    private final List<String> tokens;
    private int retries;
    private int delivered;
    private int unavailable;
    private int unavailableWithoutRetryAfter;

    PushingGateway(String ingestUrl, String conversationId, String responseId, int tokenCount) {
        this.url = ingestUrl + "/v1/conversations/" + conversationId + "/responses/" + responseId + "/chunks";
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= tokenCount; i++) {
            words.add(conversationId.hashCode() % 97 + "w" + i + " ");
        }
        this.tokens = List.copyOf(words);
    }

    /** How many lines ingest has acknowledged so far. */
    synchronized int deliveredLines() {
        return delivered;
    }

    private synchronized void countDelivered() {
        delivered++;
    }

    /** How many answers were 503 {@code kafka_unavailable}. */
    synchronized int unavailableAnswers() {
        return unavailable;
    }

    /** How many of those had no {@code Retry-After} header. */
    synchronized int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter;
    }

    String text() {
        return String.join("", tokens);
    }

    int eventCount() {
        return tokens.size() + 2;
    }

    /** Pushes the whole response, one line every {@code pauseMillis}; returns the number of retried lines. */
    int pushAll(long pauseMillis, long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        deliver("{\"type\":\"response.started\",\"seq\":0,\"model\":\"gateway\"}", deadline);
        for (int i = 0; i < tokens.size(); i++) {
            Pipeline.sleep(pauseMillis); // the gateway's pace
            deliver("{\"type\":\"text.delta\",\"seq\":" + (i + 1) + ",\"text\":\"" + tokens.get(i) + "\"}", deadline);
        }
        deliver("{\"type\":\"response.completed\",\"seq\":" + (tokens.size() + 1) + ",\"finish_reason\":\"stop\"}", deadline);
        return retries;
    }

    private void deliver(String line, long deadline) {
        String last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                Pipeline.Answer answer = Pipeline.post(url, "application/x-ndjson", line + "\n");
                if (answer.status() == 200) {
                    countDelivered();
                    return;
                }
                last = answer.status() + " " + answer.raw().body();
                if (answer.status() == 503 && answer.body() != null
                        && "kafka_unavailable".equals(answer.body().path("error").path("code").asText())) {
                    countUnavailable(answer.raw().headers().firstValue("Retry-After").isPresent());
                }
            } catch (IllegalStateException unreachable) {
                last = unreachable.getMessage();
            }
            retries++;
            Pipeline.sleep(250); // the gateway's retry pace
        }
        throw new AssertionError("ingest did not accept " + line + " in time; last answer " + last);
    }

    private synchronized void countUnavailable(boolean withRetryAfter) {
        unavailable++;
        if (!withRetryAfter) {
            unavailableWithoutRetryAfter++;
        }
    }
}
