package tokenstream.systemtests;

import tokenstream.localstack.LocalStack;
import tokenstream.localstack.Service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * One stack for the security tests, as {@code bin/tokenstream-local} runs it: security on with a generated
 * development secret, plus a producer API key. Started on first use, stopped when the test JVM exits.
 */
final class SecuredPipeline {
    static final String GATEWAY_KEY = "system-test-gateway-key-4f1c9a";
    /** Client tokens live this long here, so that a stream outlives its token within a test. */
    static final String CLIENT_TOKEN_TTL = "6s";
    /** The demo's fixed terms in this stack: every anonymous demo start gets them, whatever it asks for. */
    static final int DEMO_MAX_TOKENS = 100;
    static final int DEMO_TOKENS_PER_SECOND = 10;
    private static LocalStack stack;

    private SecuredPipeline() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            try {
                Path repoRoot = Path.of(System.getProperty("tokenstream.repo-root", ".."));
                LocalStack started = LocalStack.builder().repoRoot(repoRoot)
                        .dataDir(Files.createTempDirectory("tokenstream-secured-"))
                        .property(Service.INGEST, "tokenstream.security.client-token-ttl", CLIENT_TOKEN_TTL)
                        .property(Service.INGEST, "tokenstream.security.producer-api-keys", "gateway:" + GATEWAY_KEY)
                        // Demo answers long enough to outlive a client token and to be cancelled mid-way (10 s).
                        .property(Service.INGEST, "tokenstream.demo.max-tokens", String.valueOf(DEMO_MAX_TOKENS))
                        .property(Service.INGEST, "tokenstream.demo.tokens-per-second", String.valueOf(DEMO_TOKENS_PER_SECOND))
                        // Every test here starts demo conversations from this machine; DemoAbuseTest tests the limit
                        // on a relay of its own.
                        .property(Service.RELAY, "tokenstream.relay.demo.starts-per-address", "100000")
                        .build().start();
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "secured-pipeline-stop"));
                stack = started;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return stack;
    }

    /** An HS256 token signed with the stack's development secret, as an application backend would sign it. */
    static String token(String scope, String conversationId, Duration ttl) {
        return token(stack().securitySecretFile(), scope, conversationId, ttl);
    }

    /** Like {@link #token(String, String, Duration)}, for a stack of the test's own with that secret file. */
    static String token(Path secretFile, String scope, String conversationId, Duration ttl) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"tokenstream\",\"aud\":\"tokenstream\",\"sub\":\"backend-user\",\"exp\":"
                + Instant.now().plus(ttl).getEpochSecond() + ",\"scope\":\"" + scope + "\",\"conversations\":[\""
                + conversationId + "\"]}").getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Files.readString(secretFile).strip()
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + "." + claims + "."
                    + base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
