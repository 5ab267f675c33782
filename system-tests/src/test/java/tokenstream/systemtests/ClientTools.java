package tokenstream.systemtests;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients nobody here wrote (the openai SDKs, the eventsource package), installed by the test from the registries
 * into {@code target/openai-clients}, and the small scripts that drive them. A failed install skips the test naming
 * what failed: it never passes without having run the client.
 */
final class ClientTools {
    // Versions that run on Node 18 (Debian 12's nodejs) as well as newer ones.
    static final String OPENAI_NODE = "openai@4.95.0";
    static final String EVENTSOURCE_NODE = "eventsource@3.0.7";
    static final String OPENAI_PYTHON = "openai==3.22.1";
    private static final Path HOME = Path.of(System.getProperty("tokenstream.repo-root", ".."), "system-tests", "target",
            "openai-clients").toAbsolutePath().normalize();

    /** What a command printed, and how it ended. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private ClientTools() {
    }

    /** A folder with the Node packages and the scripts; skips the test when npm cannot install them. */
    static synchronized Path node() {
        Path dir = HOME.resolve("node");
        String pins = OPENAI_NODE + " " + EVENTSOURCE_NODE;
        if (!pins.equals(read(dir.resolve("installed")))) {
            Assumptions.assumeTrue(HostCommands.onPath("node") && HostCommands.onPath("npm"), "node and npm are not on the PATH");
            createDirectories(dir);
            Run install = run(dir, Map.of(), Duration.ofSeconds(180), "npm", "install", "--no-audit", "--no-fund",
                    "--no-save", "--prefix", dir.toString(), OPENAI_NODE, EVENTSOURCE_NODE);
            Assumptions.assumeTrue(install.exitCode() == 0, () -> "npm install " + OPENAI_NODE + " " + EVENTSOURCE_NODE
                    + " failed (no npm registry?): " + tail(install.stderr()));
            write(dir.resolve("installed"), pins);
        }
        copyScript("stream-with-openai-sdk.mjs", dir);
        copyScript("resume-with-eventsource.mjs", dir);
        return dir;
    }

    /** A virtual environment with the openai package and the script; skips the test when pip cannot install it. */
    static synchronized Path python() {
        Path dir = HOME.resolve("python");
        Path python = dir.resolve("venv/bin/python");
        if (!OPENAI_PYTHON.equals(read(dir.resolve("installed")))) {
            Assumptions.assumeTrue(HostCommands.onPath("python3"), "python3 is not on the PATH");
            createDirectories(dir);
            Run venv = run(dir, Map.of(), Duration.ofSeconds(60), "python3", "-m", "venv", dir.resolve("venv").toString());
            Assumptions.assumeTrue(venv.exitCode() == 0, () -> "python3 -m venv failed: " + tail(venv.stderr()));
            Run install = run(dir, Map.of(), Duration.ofSeconds(300), python.toString(), "-m", "pip", "install", "-q",
                    "--retries", "1", OPENAI_PYTHON);
            Assumptions.assumeTrue(install.exitCode() == 0, () -> "pip install " + OPENAI_PYTHON
                    + " failed (no Python package index?): " + tail(install.stderr()));
            write(dir.resolve("installed"), OPENAI_PYTHON);
        }
        copyScript("stream_with_openai_sdk.py", dir);
        return dir;
    }

    /** Runs a command in {@code dir} with extra environment variables; fails the test when it does not end in time. */
    static Run run(Path dir, Map<String, String> env, Duration within, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            List<String> out = new ArrayList<>();
            Thread stdout = drain(process.getInputStream(), out, 0);
            Thread stderr = drain(process.getErrorStream(), out, 1);
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + within);
            }
            stdout.join();
            stderr.join();
            return new Run(process.exitValue(), out.get(0), out.get(1));
        } catch (IOException e) {
            return new Run(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Thread drain(InputStream in, List<String> into, int slot) {
        synchronized (into) {
            while (into.size() <= slot) {
                into.add("");
            }
        }
        Thread thread = new Thread(() -> {
            try (in) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (into) {
                    into.set(slot, text);
                }
            } catch (IOException ignored) {
                // the process died; what it printed so far is lost, and its exit code says so
            }
        }, "client-output");
        thread.start();
        return thread;
    }

    private static void copyScript(String name, Path dir) {
        try (InputStream script = ClientTools.class.getResourceAsStream("/openai-clients/" + name)) {
            Files.copy(script, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    }
}
