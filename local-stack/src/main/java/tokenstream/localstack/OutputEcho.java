package tokenstream.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies a child's output line by line to its log file and, prefixed with its name, to the console. */
final class OutputEcho {
    private OutputEcho() {
    }

    static void start(String name, InputStream output, Path logFile, PrintStream console) {
        Thread pump = new Thread(() -> copy(name, output, logFile, console), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    private static void copy(String name, InputStream output, Path logFile, PrintStream console) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.write(line);
                log.write('\n');
                // Flushing each line keeps the log file useful while the service is still starting.
                log.flush();
                console.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            // The child has gone; nothing more will come.
        }
    }
}
