package tokenstream.kafkalocal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortAllocatorTest {

    @Test
    void freePortsLieBelowTheEphemeralRangeThatOutgoingConnectionsUse() {
        int[] range = PortAllocator.candidateRange();
        for (int i = 0; i < 50; i++) {
            int port = PortAllocator.freePort();
            assertTrue(port >= range[0] && port < range[1], port + " outside " + Arrays.toString(range));
        }
    }

    @Test
    void aPortIsNeverHandedOutTwiceByOneJvm() {
        Set<Integer> ports = IntStream.range(0, 300).map(i -> PortAllocator.freePort()).boxed()
                .collect(Collectors.toSet());
        assertEquals(300, ports.size());
    }

    @Test
    void anotherJvmNeverGetsAPortThisJvmReserved() throws Exception {
        Set<Integer> ours = IntStream.range(0, 400).map(i -> PortAllocator.freePort()).boxed()
                .collect(Collectors.toSet());
        Process child = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PortAllocatorChild.class.getName(), "400")
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, child.exitValue(), output);
        Set<Integer> theirs = Arrays.stream(output.split("\\s+")).map(Integer::parseInt)
                .collect(Collectors.toCollection(HashSet::new));
        assertEquals(400, theirs.size(), output);
        theirs.retainAll(ours);
        assertEquals(Set.of(), theirs);
    }

    @Test
    void claimingATakenPortNamesWhoWantedIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            var error = assertThrows(PortAllocator.PortInUseException.class,
                    () -> PortAllocator.claim(taken.getLocalPort(), "relay"));
            assertTrue(error.getMessage().startsWith("relay cannot use port " + taken.getLocalPort()),
                    error.getMessage());
        }
    }

    /** Allocates ports in a second JVM and prints them, space-separated. */
    public static final class PortAllocatorChild {
        public static void main(String[] args) {
            int count = Integer.parseInt(args[0]);
            List<String> ports = IntStream.range(0, count).mapToObj(i -> String.valueOf(PortAllocator.freePort()))
                    .toList();
            System.out.println(String.join(" ", ports));
        }
    }
}
