package org.domus.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One parsed value of one series. {@code number} is present for numeric values (and booleans as 1/0) and is
 * what charts and rollups use; {@code text} is the value as the device sent it and is what exports print.
 *
 * @param timestampFromDevice true when the device sent its own timestamp: a redelivery then carries the
 *                            same timestamp, so the store's (series, ts) key recognises it.
 */
public record Reading(SeriesPath series, Instant timestamp, String text, Double number, AttributeKind kind,
                      String traceId, boolean timestampFromDevice) {

    public Reading {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        if (kind == AttributeKind.NUMERIC && number == null) {
            throw new IllegalArgumentException("a numeric reading needs a number");
        }
    }

    public Optional<Double> numericValue() {
        return Optional.ofNullable(number);
    }

    public Optional<String> trace() {
        return Optional.ofNullable(traceId);
    }

    public Reading withTimestamp(Instant newTimestamp) {
        return new Reading(series, newTimestamp, text, number, kind, traceId, timestampFromDevice);
    }
}
