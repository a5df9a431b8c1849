package org.domus.ingest;

import java.time.Instant;
import org.domus.model.AttributeKind;

/**
 * A payload's value once parsed: a bare value or {@code {"value": …, "ts": "…", "trace_id": "…"}}.
 * {@code timestamp} and {@code traceId} are null when the payload did not carry them.
 */
public record ParsedPayload(String text, Double number, AttributeKind kind, Instant timestamp, String traceId) {
}
