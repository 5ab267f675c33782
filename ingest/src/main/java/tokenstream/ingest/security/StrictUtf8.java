package tokenstream.ingest.security;


import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tokenstream.servicekit.web.ApiException;

/** Request text decoded without silently replacing bytes that are not UTF-8 (which would change what was sent). */
public final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** @throws ApiException 400 {@code invalid_encoding} */
    public static String decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "invalid_encoding", "the request body is not valid UTF-8");
        }
    }
}
