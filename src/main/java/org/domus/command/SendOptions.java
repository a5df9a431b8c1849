package org.domus.command;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to send one command. {@code queueFor}: how long to keep it for a device that is offline (null: fail at
 * once with "device offline"); {@code timeout}: overrides the device kind's timeout (null: the policy's);
 * {@code source}: who asks ({@code console}, {@code cli}, {@code rule:…}).
 */
public record SendOptions(Duration queueFor, Duration timeout, String source) {

    public SendOptions {
        Objects.requireNonNull(source, "source");
        if (queueFor != null && (queueFor.isNegative() || queueFor.isZero())) {
            throw new IllegalArgumentException("a queueing time must be positive");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("a timeout must be positive");
        }
    }

    public static SendOptions from(String source) {
        return new SendOptions(null, null, source);
    }

    public SendOptions queueingFor(Duration duration) {
        return new SendOptions(duration, timeout, source);
    }

    public SendOptions withTimeout(Duration duration) {
        return new SendOptions(queueFor, duration, source);
    }

    public Optional<Duration> queueing() {
        return Optional.ofNullable(queueFor);
    }
}
