package org.domus.ui.live;

import java.util.Objects;
import org.domus.model.CommandState;

/**
 * Where the console's latest command to one attribute stands, as a control shows it: {@code state} (pending,
 * confirmed, failed, timed out, …), the {@code value} sent, the one-line {@code reason} and the trace id (empty
 * when the command was refused before it got one).
 */
public record CommandStatus(CommandState state, String value, String reason, String traceId) {
    public CommandStatus {
        Objects.requireNonNull(state, "state");
        value = value == null ? "" : value;
        reason = reason == null ? "" : reason;
        traceId = traceId == null ? "" : traceId;
    }

    public boolean isFinal() {
        return state.isFinal();
    }

    public boolean succeeded() {
        return state == CommandState.CONFIRMED;
    }
}
