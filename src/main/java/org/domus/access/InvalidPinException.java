package org.domus.access;

import java.util.Objects;

/** A new installer PIN was refused; the message is one sentence for the user. */
public final class InvalidPinException extends RuntimeException {

    /** Why, for a screen that shows its own translation. */
    public enum Reason {
        /** Fewer than {@link InstallerAccess#MIN_DIGITS} or more than {@link InstallerAccess#MAX_DIGITS} digits. */
        LENGTH,
        /** Something other than the digits 0-9. */
        NOT_DIGITS,
        /** The confirmation differs. */
        MISMATCH,
        /** A PIN is already set, and the current one was not given right. */
        ALREADY_SET
    }

    private final Reason reason;

    public InvalidPinException(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
