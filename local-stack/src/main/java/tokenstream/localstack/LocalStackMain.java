package tokenstream.localstack;

import tokenstream.kafkalocal.PortAllocator;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/tokenstream-local}: runs the whole pipeline until Ctrl-C. Run from the repository root.
 * Exit codes: 0 after a clean stop, 1 on a start failure, 2 on a taken port, 64 on a bad command line.
 */
public final class LocalStackMain {
    static final int PORT_IN_USE = 2;
    static final int USAGE_ERROR = 64;

    private LocalStackMain() {
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("tokenstream-local: " + e.getMessage());
            System.exit(USAGE_ERROR);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        ParentWatch.startFromEnvironment();
        System.exit(run(options, Path.of("").toAbsolutePath()));
    }

    static int run(LaunchOptions options, Path repoRoot) {
        Path dataDir = options.dataDir() == null ? repoRoot.resolve(".data") : options.dataDir().toAbsolutePath();
        LocalStack stack;
        try {
            if (options.fresh()) {
                DataDir.wipe(dataDir, repoRoot);
            }
            stack = LocalStack.builder()
                    .repoRoot(repoRoot)
                    .dataDir(dataDir)
                    .brokerPort(options.brokerPort())
                    .relayPort(options.relayPort())
                    .ingestPort(options.ingestPort())
                    .consumersPort(options.consumersPort())
                    .echoServiceOutput(options.echoLogs())
                    .build();
        } catch (PortAllocator.PortInUseException e) {
            System.err.println("tokenstream-local: " + e.getMessage());
            return PORT_IN_USE;
        } catch (RuntimeException e) {
            System.err.println("tokenstream-local: " + e.getMessage());
            return 1;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        // LocalStack's own hook stops the children too; this one is here to say so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\ntokenstream-local: stopping ingest, relay, consumers and the broker...");
            stack.close();
            System.out.println("tokenstream-local: everything stopped.");
            stopped.countDown();
        }, "tokenstream-local-stop"));
        System.out.println("tokenstream-local: starting the broker on port " + stack.broker().port()
                + ", then consumers, relay and ingest; logs in " + stack.logDir());
        try {
            stack.start();
        } catch (PortAllocator.PortInUseException e) {
            System.err.println("tokenstream-local: " + e.getMessage());
            return PORT_IN_USE;
        } catch (RuntimeException e) {
            System.err.println("tokenstream-local: could not start: " + e.getMessage());
            return 1;
        }
        System.out.println(Banner.of(stack));
        System.out.println("tokenstream-local: security is on; the services share the development secret in "
                + stack.securitySecretFile() + " (generated, git-ignored; delete it to rotate)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
