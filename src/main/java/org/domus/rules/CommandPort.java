package org.domus.rules;

import org.domus.model.SeriesPath;

/**
 * How a rule sends a command. The rules package may not import the command service (DESIGN.md's package table),
 * so {@code app} implements this with it: the command is validated, goes through the command outbox and is
 * confirmed by the device's answer like any other.
 */
@FunctionalInterface
public interface CommandPort {

    /** Refuses every command: for a core without a command service (tests, "test this rule now"). */
    CommandPort NONE = (series, value, source) -> {
        throw new IllegalArgumentException("commands cannot be sent here");
    };

    /**
     * Sends {@code series := value} on behalf of {@code source} ({@code rule:ID}) and returns at once with the
     * command's trace id.
     *
     * @throws IllegalArgumentException with a one-line reason when the command is refused
     */
    String send(SeriesPath series, String value, String source);
}
