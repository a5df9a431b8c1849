package org.domus.sim.definition;

/**
 * A device-type or house definition cannot be used. The message is one line naming the file and the field, for
 * example {@code types/thermostat.json: attributes.setpoint.max: must be a number}.
 */
public final class DefinitionException extends RuntimeException {

    public DefinitionException(String message) {
        super(message);
    }

    public DefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
