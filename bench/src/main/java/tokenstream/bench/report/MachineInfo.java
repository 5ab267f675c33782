package tokenstream.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run measured, for the report: cores, memory, CPU model, JVM, load when the run started. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static List<String> describe() {
        return List.of(
                "cores (nproc): " + Runtime.getRuntime().availableProcessors(),
                "memory: " + firstLine("/proc/meminfo", "MemTotal:").replaceAll("\\s+", " "),
                "CPU: " + firstLine("/proc/cpuinfo", "model name").replaceAll(".*:\\s*", ""),
                "java -version: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vendor") + ")",
                "OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version"),
                "load average at start (/proc/loadavg): " + read("/proc/loadavg"));
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "?";
        }
    }
}
