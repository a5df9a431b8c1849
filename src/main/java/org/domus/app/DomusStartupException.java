package org.domus.app;

/** Domus could not start; the message is one sentence for the user. */
public final class DomusStartupException extends RuntimeException {
    public DomusStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
