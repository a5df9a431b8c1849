package org.domus.rules;

/** A notification could not be delivered; the message is one line for the user, free of secrets. */
public final class DeliveryException extends Exception {

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
