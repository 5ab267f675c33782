package tokenstream.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LaunchOptionsTest {

    @Test
    void withoutOptionsTheStandardPortsAndTheRepositoryDataFolderAreUsed() {
        assertEquals(new LaunchOptions(9092, 8080, 8081, 8082, null, false, false, false), LaunchOptions.parse(List.of()));
    }

    @Test
    void everyOptionIsRead() {
        LaunchOptions options = LaunchOptions.parse(List.of("--broker-port", "19092", "--relay-port", "18080",
                "--ingest-port", "18081", "--consumers-port", "0", "--data-dir", "/tmp/x", "--fresh", "--echo-logs",
                "--help"));

        assertEquals(new LaunchOptions(19092, 18080, 18081, 0, Path.of("/tmp/x"), true, true, true), options);
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--relay", "1")));
        assertEquals("unknown option --relay (see --help)", refused.getMessage());
    }

    @Test
    void aPortOutsideTheRangeIsRefused() {
        var refused = assertThrows(IllegalArgumentException.class,
                () -> LaunchOptions.parse(List.of("--ingest-port", "70000")));
        assertTrue(refused.getMessage().startsWith("--ingest-port must be a port number"), refused.getMessage());
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        var refused = assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse(List.of("--data-dir")));
        assertEquals("--data-dir needs a value (see --help)", refused.getMessage());
    }
}
