package org.domus.app.cli;

/**
 * A command failed for a reason the user can act on. Its message is the one sentence printed on stderr
 * (exit status 1); no stack trace is shown.
 */
public final class CliFailure extends RuntimeException {

    public CliFailure(String message) {
        super(message);
    }

    public CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
