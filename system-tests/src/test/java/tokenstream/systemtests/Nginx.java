package tokenstream.systemtests;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx running the repository's {@code deploy/nginx.conf} in front of relays on this machine: only the
 * upstream servers, the listen address and the file locations are changed, every proxy setting is the shipped one.
 */
final class Nginx implements AutoCloseable {
    private static final Path ROOT = Path.of(System.getProperty("tokenstream.repo-root", "..")).toAbsolutePath().normalize();
    private final Process process;
    private final int port;
    private final Path accessLog;
    private final Path errorLog;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.accessLog = dir.resolve("access.log");
        this.errorLog = dir.resolve("error.log");
    }

    /**
     * The nginx binary; absent, the calling test is skipped on a developer machine and fails in CI (where .ci/run
     * installs the package), so the check never silently disappears.
     */
    static Path binary() {
        for (String candidate : new String[]{"/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("nginx is not installed, and CI is set: .ci/run installs the nginx package");
        }
        Assumptions.abort("nginx is not installed (apt-get install nginx; .ci/run installs it): skipped outside CI");
        return null;
    }

    /** Starts nginx on a free loopback port, proxying to the relay on {@code relayPort}. */
    static Nginx inFrontOf(int relayPort) throws IOException {
        return inFrontOf(List.of(relayPort));
    }

    /** Starts nginx on a free loopback port, balancing over the relays on {@code relayPorts}. */
    static Nginx inFrontOf(List<Integer> relayPorts) throws IOException {
        Path nginx = binary();
        Path dir = Files.createTempDirectory("tokenstream-nginx-");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String config = replaceOnce(Files.readString(ROOT.resolve("deploy/nginx.conf")),
                "(?m)^(\\s*server\\s+relay-1:8080;\\s*\\n\\s*server\\s+relay-2:8080;)", relayPorts.stream()
                        .map(relayPort -> "    server 127.0.0.1:" + relayPort + ";").collect(Collectors.joining("\n")));
        config = replaceOnce(config, "listen 8080;", "listen 127.0.0.1:" + port + ";");
        config = replaceOnce(config, "access_log /var/log/nginx/access.log tokenstream;",
                "access_log " + dir.resolve("access.log") + " tokenstream;\n"
                        + "  client_body_temp_path " + dir.resolve("body") + ";\n"
                        + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                        + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                        + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                        + "  scgi_temp_path " + dir.resolve("scgi") + ";");
        config = "pid " + dir.resolve("nginx.pid") + ";\nerror_log " + dir.resolve("error.log") + " info;\n" + config;
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", file.toString(),
                "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx started = new Nginx(process, port, dir);
        started.awaitAnswering();
        return started;
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path accessLog() {
        return accessLog;
    }

    private void awaitAnswering() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await("nginx answering on " + url()).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    // not listening yet: a ConnectException, which ignoreException(IOException) would not match
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .failFast(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("nginx exited: " + Files.readString(errorLog));
                        }
                    })
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/live")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("nginx did not answer on " + url() + ": " + Files.readString(errorLog), e);
        }
    }

    private static String replaceOnce(String text, String target, String replacement) {
        Matcher matcher = Pattern.compile(target.startsWith("(?m)") ? target : Pattern.quote(target)).matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("deploy/nginx.conf no longer has " + target + "; update " + Nginx.class.getName());
        }
        return text.substring(0, matcher.start()) + replacement + text.substring(matcher.end());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
