package org.domus.store;

import java.time.Instant;
import java.util.Objects;

public record HistoryPoint(Instant timestamp, double value) {
    public HistoryPoint {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
