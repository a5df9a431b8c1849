package org.domus.sim.definition;

import java.time.Duration;
import java.util.Objects;

/** How long a device takes to obey a command: uniformly between {@code min} and {@code max}. */
public record DelayRange(Duration min, Duration max) {

    public static final DelayRange DEFAULT = new DelayRange(Duration.ofMillis(100), Duration.ofMillis(400));

    public DelayRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("a delay range needs 0 <= min <= max");
        }
    }
}
