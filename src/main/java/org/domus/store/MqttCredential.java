package org.domus.store;

import java.util.Objects;

/**
 * An MQTT login.
 *
 * @param house the house slug this login may publish under, or null for the console's own identity
 * @param role  {@code "house"} or {@code "console"}
 */
public record MqttCredential(String username, String house, String passwordHash, String role) {

    public static final String ROLE_HOUSE = "house";
    public static final String ROLE_CONSOLE = "console";

    public MqttCredential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
    }
}
