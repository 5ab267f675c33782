package tokenstream.ingest.upstream.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The simulator's text: readable pseudo-English that is a pure function of (prompt, seed, maxTokens),
 * so that tests anywhere can compute what a simulated response must contain.
 *
 * <p>Each token is one word, preceded by a space except the first, sometimes followed by a comma,
 * sentences end with '.' or '?'. Some words are non-ASCII ("café", "Zürich", "🙂") so that multi-byte
 * UTF-8, including characters outside the BMP, travels through the whole pipeline. Now and then a word
 * of the prompt is echoed, so different prompts read differently. A longer {@code maxTokens} extends a
 * shorter one: the first n tokens do not depend on {@code maxTokens}.
 */
public final class SimulatedScript {
    private static final String[] WORDS = {
            "the", "a", "of", "to", "and", "in", "is", "it", "that", "for", "on", "as", "with", "by", "at",
            "stream", "token", "kafka", "partition", "offset", "broker", "message", "record", "consumer",
            "producer", "latency", "throughput", "ordering", "replica", "leader", "segment", "cluster",
            "river", "mountain", "window", "garden", "library", "lantern", "harbour", "morning", "evening",
            "quietly", "quickly", "carefully", "eventually", "probably", "certainly", "almost", "never",
            "bright", "small", "ancient", "curious", "gentle", "durable", "reliable", "patient", "steady",
            "runs", "carries", "remembers", "arrives", "waits", "returns", "follows", "resumes", "writes",
            "reads", "builds", "listens", "counts", "keeps", "finds", "opens", "closes", "repeats",
            "café", "naïve", "façade", "résumé", "jalapeño", "smörgåsbord", "déjà", "vu", "Zürich", "São",
            "Paulo", "über", "crème", "brûlée", "piñata", "fiancée", "coöperate", "Ångström", "🙂", "→",
            "extraordinarily", "notwithstanding", "acknowledgement", "idempotent", "interleaved",
            "we", "they", "you", "someone", "everything", "nothing", "here", "there", "today", "tomorrow",
    };

    private SimulatedScript() {
    }

    /**
     * The tokens of a simulated response.
     *
     * @param prompt    the prompt text (messages joined by newlines)
     * @param seed      varies the text for the same prompt
     * @param maxTokens how many tokens to produce, non-negative
     */
    public static List<String> tokens(String prompt, long seed, int maxTokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens must be non-negative");
        }
        SplitMix random = new SplitMix(fnv1a(prompt) * 31 + seed);
        List<String> echo = echoableWords(prompt);
        List<String> tokens = new ArrayList<>(maxTokens);
        int leftInSentence = 0;
        for (int i = 0; i < maxTokens; i++) {
            boolean sentenceStart = leftInSentence == 0;
            if (sentenceStart) {
                leftInSentence = 4 + random.nextInt(11);
            }
            String word = !echo.isEmpty() && random.nextInt(10) == 0
                    ? echo.get(random.nextInt(echo.size()))
                    : WORDS[random.nextInt(WORDS.length)];
            if (sentenceStart) {
                word = capitalized(word);
            }
            leftInSentence--;
            String punctuation = leftInSentence == 0
                    ? (random.nextInt(8) == 0 ? "?" : ".")
                    : (random.nextInt(9) == 0 ? "," : "");
            tokens.add((i == 0 ? "" : " ") + word + punctuation);
        }
        return tokens;
    }

    /** The whole simulated text: the tokens concatenated. */
    public static String text(String prompt, long seed, int maxTokens) {
        return String.join("", tokens(prompt, seed, maxTokens));
    }

    /** Prompt tokens as the simulator counts them: whitespace-separated words. */
    public static int wordCount(String prompt) {
        String trimmed = prompt.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    private static List<String> echoableWords(String prompt) {
        return Arrays.stream(prompt.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() >= 3 && w.length() <= 24)
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }

    private static String capitalized(String word) {
        int first = word.codePointAt(0);
        int end = Character.charCount(first);
        return word.substring(0, end).toUpperCase(Locale.ROOT) + word.substring(end);
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64, spelled out so the text never depends on a JDK's random number generator. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            this.state = seed;
        }

        int nextInt(int bound) {
            return (int) Long.remainderUnsigned(next(), bound);
        }

        private long next() {
            long z = (state += 0x9e3779b97f4a7c15L);
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }
}
