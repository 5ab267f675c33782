package tokenstream.relay.demo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Anonymous demo starts per client address: a token bucket per address holding up to {@code starts} starts, refilled
 * evenly over {@code window}. At most {@code tracked} addresses are remembered, least recently seen forgotten first, so
 * an attacker rotating addresses cannot grow memory; a forgotten address starts again with a full bucket, which gives
 * such an attacker no more than its addresses give it anyway (and ingest's cap on open demo generations still holds).
 * IPv6 clients are counted per /64, the block one subscriber usually gets.
 */
final class DemoStartLimiter {
    private final int capacity;
    private final double startsPerNano;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double starts;
        long updatedAt;

        Bucket(double starts, long updatedAt) {
            this.starts = starts;
            this.updatedAt = updatedAt;
        }
    }

    DemoStartLimiter(int starts, Duration window, int tracked, LongSupplier nanoClock) {
        if (starts < 1 || window.isNegative() || window.isZero() || tracked < 1) {
            throw new IllegalArgumentException("the demo start limit needs starts >= 1, a positive window and tracked >= 1");
        }
        this.capacity = starts;
        this.startsPerNano = starts / (double) window.toNanos();
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > tracked;
            }
        };
    }

    /** @return 0 when the address may start now (the start is counted), else the seconds until it may */
    synchronized long tryStart(String address) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key(address), k -> new Bucket(capacity, now));
        bucket.starts = Math.min(capacity, bucket.starts + (now - bucket.updatedAt) * startsPerNano);
        bucket.updatedAt = now;
        if (bucket.starts >= 1) {
            bucket.starts -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.starts) / startsPerNano / 1e9));
    }

    synchronized int trackedAddresses() {
        return buckets.size();
    }

    /** The address, or its /64 for IPv6. Only literals are parsed (no name lookup): a host with ':' is IPv6. */
    static String key(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        try {
            InetAddress parsed = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress();
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException notALiteral) {
            return address;
        }
    }
}
