package org.domus.model;

import java.util.Locale;

/** Where a command is in its life; see docs/protocol.md. */
public enum CommandState {
    /** Written to the outbox by another process ({@code domus send}); the running console picks it up. */
    REQUESTED,
    /** The device is offline; the command waits for it until its expiry. */
    QUEUED,
    /** Published; waiting for the device's answer. */
    PENDING,
    /** The device reported the commanded state (echoing the trace id, or with a matching value). */
    CONFIRMED,
    /** The device answered with an error. */
    REJECTED,
    /** No answer after the last retry. */
    TIMED_OUT,
    /** A newer command for the same attribute was sent before this one finished. */
    SUPERSEDED,
    /** Still queued when its expiry passed. */
    EXPIRED,
    /** Never sent: the device was offline and the command was not to be queued, or publishing failed. */
    FAILED;

    public boolean isFinal() {
        return this != REQUESTED && this != QUEUED && this != PENDING;
    }

    /** The name used in the store, events and output: {@code timed-out}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static CommandState ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
