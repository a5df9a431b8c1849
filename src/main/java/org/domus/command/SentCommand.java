package org.domus.command;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.domus.model.Command;

/** A command just sent: its trace id, and its outcome once final (completes on the command service's thread). */
public record SentCommand(String traceId, CompletableFuture<Command> outcome) {
    public SentCommand {
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
