package tokenstream.ingest.output;

/** UTF-8 sizes of Java strings without encoding them. */
public final class Utf8 {
    private Utf8() {
    }

    /** The number of bytes the text takes in UTF-8 (an unpaired surrogate counts as the 3 bytes of its replacement). */
    public static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
