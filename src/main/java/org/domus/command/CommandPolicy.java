package org.domus.command;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait for a device's answer and how to retry: each attempt waits {@code timeout}; after a timeout
 * the command is published again (same trace id) up to {@code retries} times, the n-th retry after
 * {@code backoff × 2^(n-1)}.
 */
public record CommandPolicy(Duration timeout, int retries, Duration backoff) {

    public static final CommandPolicy DEFAULT = new CommandPolicy(Duration.ofSeconds(5), 1, Duration.ofMillis(500));

    public CommandPolicy {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(backoff, "backoff");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a command timeout must be positive");
        }
        if (retries < 0 || retries > 10) {
            throw new IllegalArgumentException("command retries must be 0 to 10");
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("a command backoff must not be negative");
        }
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration backoffBefore(int retry) {
        return backoff.multipliedBy(1L << Math.min(retry - 1, 10));
    }

    public CommandPolicy withTimeout(Duration newTimeout) {
        return new CommandPolicy(newTimeout, retries, backoff);
    }
}
