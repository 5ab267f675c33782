package tokenstream.consumers.assembly;

/**
 * Keys of the {@value ResponseTopology#RESPONSE_PARTS_STORE} store:
 * {@code <conversation id>/<response id>|<part number, 19 digits>}, the response's {@code ResponseKey} first (a
 * response id is unique only within its conversation). Zero-padding makes the store's byte order the parts' order,
 * so one prefix scan reads a response's content in order without sorting. The {@code |} ends the response key, so
 * the scan for {@code c1/r1} never reaches {@code c1/r10}; a response id that merely starts with another one plus
 * {@code |} is told apart by length.
 */
final class PartKey {
    private static final char SEPARATOR = '|';
    private static final int NUMBER_DIGITS = 19;

    private PartKey() {
    }

    static String of(String responseKey, long number) {
        String digits = Long.toString(number);
        StringBuilder key = new StringBuilder(responseKey.length() + 1 + NUMBER_DIGITS).append(responseKey)
                .append(SEPARATOR);
        for (int pad = digits.length(); pad < NUMBER_DIGITS; pad++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    static String prefix(String responseKey) {
        return responseKey + SEPARATOR;
    }

    /** Whether {@code key} is a part of exactly the response {@code responseKey} names. */
    static boolean belongsTo(String key, String responseKey) {
        return key.length() == responseKey.length() + 1 + NUMBER_DIGITS && key.startsWith(prefix(responseKey));
    }
}
