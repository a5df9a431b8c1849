package org.domus.rules;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox retries a notification that could not be delivered: after {@code first}, doubling each time up to
 * {@code longest}, until {@code giveUpAfter} has passed since it was written.
 */
public record RetryPolicy(Duration first, Duration longest, Duration giveUpAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(15),
            Duration.ofDays(3));

    public RetryPolicy {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("retry delays must be positive and the longest at least the first");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first). */
    public Duration delayAfter(int attempts) {
        Duration delay = first;
        for (int i = 1; i < attempts && delay.compareTo(longest) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
