package org.domus.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.domus.model.Command;

/**
 * A command just sent: its trace id, and its outcome once final. The outcome completes on the store's writer thread:
 * continue with the {@code *Async} methods (or wait from another thread) for anything that is not quick.
 */
public record SentCommand(String traceId, CompletableFuture<Command> outcome) {
    public SentCommand {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
