package tokenstream.relay.metrics;

/** What the relay's gauges read of the catch-up readers. */
public interface CatchUpGauges {

    /** Resumes waiting for a reader. */
    int waiting();
}
