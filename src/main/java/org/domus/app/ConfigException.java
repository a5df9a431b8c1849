package org.domus.app;

/** The configuration (the file in the data folder, or an option) is unusable; the message is one sentence. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
