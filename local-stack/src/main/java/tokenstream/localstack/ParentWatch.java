package tokenstream.localstack;

import java.util.Optional;

/**
 * Exits this JVM, running its shutdown hooks, once a given parent process is gone. {@code bin/tokenstream-local}
 * runs the launcher in its own session and names itself here, so even a SIGKILLed script stops the stack cleanly.
 */
final class ParentWatch {
    static final String ENV = "TOKENSTREAM_LOCAL_PARENT_PID";

    private ParentWatch() {
    }

    static void startFromEnvironment() {
        String pid = System.getenv(ENV);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        Thread watch = new Thread(() -> {
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.exit(0);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
