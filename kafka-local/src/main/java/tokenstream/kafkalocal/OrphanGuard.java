package tokenstream.kafkalocal;

/**
 * Entry point of a child JVM: runs the given main class and exits when the parent process is gone,
 * so a test run killed with SIGKILL never leaves a broker behind.
 *
 * <p>Usage: {@code OrphanGuard <parent-pid> <main-class> [args...]}
 */
public final class OrphanGuard {
    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        long parentPid = Long.parseLong(args[0]);
        Thread watcher = new Thread(() -> {
            var parent = ProcessHandle.of(parentPid);
            while (parent.map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
        String[] rest = java.util.Arrays.copyOfRange(args, 2, args.length);
        Class.forName(args[1]).getMethod("main", String[].class).invoke(null, (Object) rest);
    }
}
