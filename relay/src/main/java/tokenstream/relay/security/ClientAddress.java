package tokenstream.relay.security;

import io.vertx.ext.web.RoutingContext;

/**
 * The address a per-client limit counts. It is the TCP peer, or, with {@code quarkus.http.proxy.proxy-address-forwarding}
 * on, the address the proxy forwarded; Quarkus takes the forwarded one only from {@code quarkus.http.proxy.trusted-proxies}
 * (see {@link ProxyTrust}), so a client that sends its own {@code X-Forwarded-For} is still counted as itself.
 */
public final class ClientAddress {
    private static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String of(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        return address == null || address.host() == null ? UNKNOWN : address.host();
    }
}
