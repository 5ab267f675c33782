package tokenstream.consumers.transcripts;

import tokenstream.servicekit.web.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code page_token} of a transcript: the first offset of the last response already returned, so
 * that the next page starts right after it even if newer responses have arrived in between.
 */
record PageToken(long afterOffset) {
    private static final String VERSION = "v1:";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + afterOffset).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiException 400 {@code invalid_page_token} for anything this service did not hand out */
    static PageToken decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(VERSION)) {
                long offset = Long.parseLong(text.substring(VERSION.length()));
                if (offset >= 0) {
                    return new PageToken(offset);
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a token with the wrong content
        }
        throw new ApiException(400, "invalid_page_token",
                "page_token '" + token + "' was not returned by this endpoint; omit it to start from the first page");
    }
}
