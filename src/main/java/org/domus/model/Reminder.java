package org.domus.model;

import java.time.Instant;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * A maintenance reminder of a house or one of its devices: once, or every {@code every} ("every 90 days").
 *
 * @param device        the device's address {@code room/device}, or null for the house itself
 * @param every         the recurrence, or null for a one-off reminder
 * @param snoozedUntil  while snoozed, when it is due again; null otherwise
 * @param doneAt        when a one-off reminder was done (a recurring one moves its due date instead)
 */
public record Reminder(long id, String house, String device, String title, String note, Period every, Instant dueAt,
                       Instant snoozedUntil, Instant doneAt) {
    public Reminder {
        Slugs.require("house", house);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(dueAt, "dueAt");
        note = note == null ? "" : note;
        device = device == null || device.isBlank() ? null : device.strip();
        if (title.isBlank()) {
            throw new IllegalArgumentException("a reminder needs a title");
        }
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("a reminder's recurrence must be positive");
        }
    }

    public Optional<Period> recurrence() {
        return Optional.ofNullable(every);
    }

    /** When it is next due: the end of a snooze, or its due date. */
    public Instant nextDue() {
        return snoozedUntil != null && snoozedUntil.isAfter(dueAt) ? snoozedUntil : dueAt;
    }

    public boolean done() {
        return doneAt != null;
    }
}
