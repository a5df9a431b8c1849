package org.domus.ingest;

import java.time.Instant;
import org.domus.model.AttributeKind;

/**
 * A payload once parsed: a bare value or {@code {"value": …, "ts": "…", "trace_id": "…", "error": "…"}}.
 * {@code timestamp}, {@code traceId} and {@code error} are null when the payload did not carry them. A device's
 * error answer to a command may come without a value: then {@code text}, {@code number} and {@code kind} are null.
 */
public record ParsedPayload(String text, Double number, AttributeKind kind, Instant timestamp, String traceId,
                            String error) {

    public ParsedPayload(String text, Double number, AttributeKind kind, Instant timestamp, String traceId) {
        this(text, number, kind, timestamp, traceId, null);
    }

    public boolean hasValue() {
        return text != null;
    }

    public ParsedPayload withError(String reason) {
        return new ParsedPayload(text, number, kind, timestamp, traceId, reason);
    }
}
