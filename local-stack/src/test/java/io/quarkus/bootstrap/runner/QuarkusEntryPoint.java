package io.quarkus.bootstrap.runner;

/**
 * Stand-in for Quarkus' entry point in a test jar: a service JVM that runs but never answers HTTP, as a service
 * stuck in its startup does.
 */
public final class QuarkusEntryPoint {
    private QuarkusEntryPoint() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // a service stuck in its startup: running forever is the behaviour
    }
}
