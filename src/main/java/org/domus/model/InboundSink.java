package org.domus.model;

/**
 * Where the broker hands every PUBLISH it accepted (ingest implements it). Called on a broker thread: it must not
 * block, and it calls {@code outcome} exactly once, on any thread, when the message is dealt with.
 */
public interface InboundSink {

    void accept(InboundMessage message, OutcomeCallback outcome);

    /** True while ingest is behind and the broker should stop reading from clients for a while. */
    boolean saturated();

    /** Runs {@code action} once ingest is no longer saturated (at once if it is not). */
    void whenDrained(Runnable action);

    @FunctionalInterface
    interface OutcomeCallback {
        void done(InboundOutcome outcome);
    }
}
