package tokenstream.kafkalocal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free loopback ports and explains, in words, a port that is taken.
 *
 * <p>A port is handed to a child process (a broker, a service) that binds it a few seconds later. Asking the
 * kernel for port 0 and closing the socket leaves a window in which two things can take the same port: another
 * test JVM doing the same, and any outgoing connection, because port 0 comes from the kernel's ephemeral range
 * that outgoing connections use too. Both races failed CI runs. So ports come from below the ephemeral range
 * (no outgoing connection is ever given one) and each is reserved across processes with a file lock held until
 * this JVM exits (no other allocator of this machine hands it out again while we may still use it).
 */
public final class PortAllocator {
    private static final int FIRST_CANDIDATE = 10_000;
    private static final int ATTEMPTS = 2_000;
    private static final Map<Integer, FileLock> RESERVED = new ConcurrentHashMap<>();

    private PortAllocator() {
    }

    /** A port free on 127.0.0.1 right now, outside the ephemeral range and reserved for this JVM. */
    public static int freePort() {
        int[] range = candidateRange();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(range[0], range[1]);
            if (!RESERVED.containsKey(port) && reserve(port) && bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + range[0] + "-" + (range[1] - 1)
                + " after " + ATTEMPTS + " attempts");
    }

    /** {@code port} itself if free, a free port if {@code port} is 0; otherwise fails naming who wanted it. */
    public static int claim(int port, String what) {
        if (port == 0) {
            return freePort();
        }
        if (!bindable(port)) {
            throw new PortInUseException(what + " cannot use port " + port
                    + ": it is already in use by another process (choose another port or stop that process)");
        }
        return port;
    }

    /** [first, end) of the ports we pick from: everything below the kernel's ephemeral range. */
    static int[] candidateRange() {
        int ephemeralLow = 32_768;
        try {
            // readAllLines, not readString: a /proc file reports size 0 and readString trusts the size
            String text = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            ephemeralLow = Integer.parseInt(text.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the IANA ephemeral range starts at 49152 and Linux' default at 32768
        }
        int end = Math.max(FIRST_CANDIDATE + 1_000, Math.min(ephemeralLow, 65_536));
        return new int[] {FIRST_CANDIDATE, end};
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Takes this machine-wide reservation of {@code port}; false if another JVM holds it. */
    private static boolean reserve(int port) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tokenstream-ports");
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(port + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return false;
            }
            // Held (never released) until this JVM exits: the OS drops the lock with the process.
            return RESERVED.putIfAbsent(port, lock) == null;
        } catch (IOException e) {
            return false;
        }
    }

    /** A configured port is taken. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(String message) {
            super(message);
        }
    }
}
