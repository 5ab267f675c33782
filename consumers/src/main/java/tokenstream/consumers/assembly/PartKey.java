package tokenstream.consumers.assembly;

/**
 * Keys of the {@value ResponseTopology#RESPONSE_PARTS_STORE} store: {@code <response id>|<part number, 19 digits>}.
 * Zero-padding makes the store's byte order the parts' order, so one prefix scan reads a response's content in
 * order without sorting. A response id that merely starts with another one plus {@code |} is told apart by length.
 */
final class PartKey {
    private static final char SEPARATOR = '|';
    private static final int NUMBER_DIGITS = 19;

    private PartKey() {
    }

    static String of(String responseId, long number) {
        return prefix(responseId) + String.format("%0" + NUMBER_DIGITS + "d", number);
    }

    static String prefix(String responseId) {
        return responseId + SEPARATOR;
    }

    /** Whether {@code key} is a part of exactly {@code responseId}. */
    static boolean belongsTo(String key, String responseId) {
        return key.length() == responseId.length() + 1 + NUMBER_DIGITS && key.startsWith(prefix(responseId));
    }
}
