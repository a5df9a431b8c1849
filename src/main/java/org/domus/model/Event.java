package org.domus.model;

import java.time.Instant;
import java.util.Objects;

/** Something that happened, with the trace id of the command or message that caused it (if any). */
public record Event(long id, Instant timestamp, String type, String house, String subject, String traceId,
                    String detail) {
    public Event {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(type, "type");
        subject = subject == null ? "" : subject;
        detail = detail == null ? "" : detail;
    }
}
