package org.domus.broker;

/** The broker could not start; the message is one sentence for the user. */
public final class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
