package org.domus.command;

/** A command refused before anything was published; the message is one line for the user. */
public final class InvalidCommandException extends RuntimeException {
    public InvalidCommandException(String reason) {
        super(reason, null, false, false);
    }
}
