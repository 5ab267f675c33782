package tokenstream.bench.stack;

import tokenstream.localstack.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A copy of the packaged services ({@code <module>/target/quarkus-app}) in the repository's layout, taken when a
 * run starts. Every scenario starts its services from the copy, so a rebuild in the checkout during a long run
 * cannot swap or remove the jars between scenarios.
 */
public final class AppSnapshot {
    private AppSnapshot() {
    }

    /** Copies the services into {@code target} and returns it, usable as a {@code LocalStack} repository root. */
    public static Path take(Path repoRoot, Path target) {
        try {
            for (Service service : Service.values()) {
                Path from = service.appJar(repoRoot).getParent();
                Path to = service.appJar(target).getParent();
                delete(to);
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        Path copy = to.resolve(from.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the packaged services (build them first)", e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
