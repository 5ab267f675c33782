package tokenstream.relay.security;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import tokenstream.servicekit.security.SecurityConfig;

/**
 * Streams open at once per token and per client address, so one leaked token or one client cannot take every
 * connection of the instance; and the stream's end at its token's expiry.
 */
@ApplicationScoped
public class StreamLimits {
    private final SecurityConfig security;
    private final RelaySecurityConfig config;
    private final Vertx vertx;

    private final ConcurrentHashMap<String, AtomicInteger> perToken = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public StreamLimits(SecurityConfig security, RelaySecurityConfig config, Vertx vertx) {
        this.security = security;
        this.config = config;
        this.vertx = vertx;
    }

    /** A stream's hold on its slots; released once, when the stream ends. */
    public final class Lease {
        private final String tokenKey;
        private final String address;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile long expiryTimer = -1;

        private Lease(String tokenKey, String address) {
            this.tokenKey = tokenKey;
            this.address = address;
        }

        /** Calls {@code onExpiry} when the token expires (nothing when security is off). */
        public void closeAtExpiry(AccessToken token, Runnable onExpiry) {
            if (token.expiresAt() == null || released.get()) {
                return;
            }
            long delay = Math.max(1, token.expiresAt().toEpochMilli() - System.currentTimeMillis());
            expiryTimer = vertx.setTimer(delay, id -> onExpiry.run());
        }

        public void release() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            if (expiryTimer >= 0) {
                vertx.cancelTimer(expiryTimer);
            }
            decrement(perToken, tokenKey);
            decrement(perAddress, address);
        }
    }

    /** @throws AccessDenied 429 when the token or the address already has its maximum of streams */
    public Lease acquire(RoutingContext ctx, AccessToken token) {
        if (!security.enabled()) {
            return new Lease(null, null);
        }
        String address = ClientAddress.of(ctx);
        if (!increment(perAddress, address, config.maxStreamsPerAddress())) {
            throw AccessDenied.tooMany("at most " + config.maxStreamsPerAddress() + " streams per client address");
        }
        if (token.key() != null && !increment(perToken, token.key(), config.maxStreamsPerToken())) {
            decrement(perAddress, address);
            throw AccessDenied.tooMany("at most " + config.maxStreamsPerToken() + " streams per access token");
        }
        return new Lease(token.key(), address);
    }

    private static boolean increment(ConcurrentHashMap<String, AtomicInteger> counts, String key, int max) {
        boolean[] admitted = {false};
        counts.compute(key, (k, count) -> {
            AtomicInteger current = count == null ? new AtomicInteger() : count;
            if (current.get() < max) {
                current.incrementAndGet();
                admitted[0] = true;
            }
            return current.get() == 0 ? null : current;
        });
        return admitted[0];
    }

    private static void decrement(ConcurrentHashMap<String, AtomicInteger> counts, String key) {
        if (key == null) {
            return;
        }
        counts.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
