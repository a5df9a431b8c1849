package org.domus.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One command and where it stands. {@code value} is the canonical text of the commanded value ({@code 21.5},
 * {@code true}, {@code ON}); {@code source} says who asked ({@code console}, {@code cli}, {@code rule:…},
 * {@code mqtt:client-id}); {@code reason} explains the current state in one line.
 *
 * @param expiresAt  while queued, when the command gives up; null when it is not to be queued
 * @param deadlineAt while pending, when the current attempt times out
 * @param attempts   how many times it was published
 */
public record Command(long id, String traceId, SeriesPath series, String value, AttributeKind kind,
                      CommandState state, String source, Instant createdAt, Instant updatedAt, Instant expiresAt,
                      Instant deadlineAt, int attempts, String reason) {

    public Command {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        reason = reason == null ? "" : reason;
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadlineAt);
    }

    /** The same command in {@code newState} since {@code at}, for {@code why}. */
    public Command moveTo(CommandState newState, Instant at, String why) {
        return new Command(id, traceId, series, value, kind, newState, source, createdAt, at, expiresAt,
                newState == CommandState.PENDING ? deadlineAt : null, attempts, why);
    }

    /** The same command published once more, pending until {@code deadline}. */
    public Command published(Instant at, Instant deadline, String why) {
        return new Command(id, traceId, series, value, kind, CommandState.PENDING, source, createdAt, at, expiresAt,
                deadline, attempts + 1, why);
    }

    public Command withId(long newId) {
        return new Command(newId, traceId, series, value, kind, state, source, createdAt, updatedAt, expiresAt,
                deadlineAt, attempts, reason);
    }
}
