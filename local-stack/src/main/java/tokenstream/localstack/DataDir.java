package tokenstream.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The local stack's data folder. */
final class DataDir {
    private DataDir() {
    }

    /** Deletes {@code dataDir} and everything in it; refuses a folder that holds the repository itself. */
    static void wipe(Path dataDir, Path repoRoot) {
        Path data = dataDir.toAbsolutePath().normalize();
        if (repoRoot.toAbsolutePath().normalize().startsWith(data)) {
            throw new IllegalArgumentException("refusing to delete " + data + ": it contains the repository");
        }
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(DataDir::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + data, e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
