package org.domus.provision;

/** Provisioning input or output is unusable; the message is one sentence for the user, naming what to change. */
public final class ProvisionException extends RuntimeException {

    public ProvisionException(String message) {
        super(message);
    }

    public ProvisionException(String message, Throwable cause) {
        super(message, cause);
    }
}
