package org.domus.model;

import java.util.Locale;

/** A notification in the outbox: pending (delivery to try, perhaps again), sent, or failed (given up). */
public enum NotificationState {
    PENDING, SENT, FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NotificationState parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
