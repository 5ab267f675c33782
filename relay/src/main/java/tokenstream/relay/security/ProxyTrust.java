package tokenstream.relay.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.Optional;

/**
 * Forwarded client addresses are believed only from the proxy. Quarkus trusts forwarding headers from every peer when
 * {@code quarkus.http.proxy.trusted-proxies} is unset, and then any client could pick the address the per-address
 * limits count by sending {@code X-Forwarded-For}; so the relay refuses to start with forwarding on and no trusted
 * proxies.
 */
@Startup
@ApplicationScoped
public class ProxyTrust {
    static final String FORWARDING = "quarkus.http.proxy.proxy-address-forwarding";
    static final String TRUSTED = "quarkus.http.proxy.trusted-proxies";

    public ProxyTrust(Config config) {
        check(config.getOptionalValue(FORWARDING, Boolean.class).orElse(false),
                config.getOptionalValues(TRUSTED, String.class));
    }

    /** @throws IllegalStateException when forwarded addresses would be taken from anyone */
    static void check(boolean forwarding, Optional<List<String>> trustedProxies) {
        if (forwarding && trustedProxies.map(List::isEmpty).orElse(true)) {
            throw new IllegalStateException(FORWARDING + "=true needs " + TRUSTED
                    + " (the reverse proxy's addresses): without it every client could forge the address that the"
                    + " per-address limits count");
        }
    }
}
