package org.domus.broker;

/** The console's TLS certificates cannot be made, read or written; the message is one sentence for the user. */
public final class TlsException extends RuntimeException {

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
