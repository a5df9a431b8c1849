package org.domus.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that needs a person's attention. {@code key} names what it is about (a rule and its subject): while
 * an alert with a key is active, the same key is not raised again.
 */
public record Alert(long id, String key, Long ruleId, String house, String subject, Severity severity,
                    AlertState state, String message, String traceId, Instant raisedAt, Instant acknowledgedAt,
                    Instant clearedAt) {
    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(raisedAt, "raisedAt");
        subject = subject == null ? "" : subject;
        if (key.isBlank()) {
            throw new IllegalArgumentException("an alert needs a key");
        }
    }
}
