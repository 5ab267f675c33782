package tokenstream.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** The repository under test, and stand-ins for it. */
final class Repositories {
    private Repositories() {
    }

    /** This checkout, as the build passes it to the tests. */
    static Path real() {
        return Path.of(System.getProperty("tokenstream.repo-root", "..")).toAbsolutePath().normalize();
    }

    static boolean servicesBuilt(Path root) {
        for (Service service : Service.values()) {
            if (!Files.isRegularFile(service.appJar(root))) {
                return false;
            }
        }
        return true;
    }

    /** A folder laid out like a built repository whose service jars are empty files: they exist but cannot run. */
    static Path withUnrunnableServices(Path dir) throws IOException {
        for (Service service : Service.values()) {
            Path jar = service.appJar(dir);
            Files.createDirectories(jar.getParent());
            Files.createFile(jar);
        }
        return dir;
    }

    /** A jar holding only the test stand-in for Quarkus' entry point, which runs forever without answering. */
    static Path silentServiceJar(Path dir) throws IOException {
        String entry = "io/quarkus/bootstrap/runner/QuarkusEntryPoint.class";
        Path jar = dir.resolve("quarkus-run.jar");
        try (var in = Repositories.class.getClassLoader().getResourceAsStream(entry);
             var out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
