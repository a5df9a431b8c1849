package org.domus.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A house's hub: the Raspberry Pi whose local Mosquitto bridges the house to the console.
 *
 * @param username the MQTT login of its bridge (also its client id), {@link #usernameFor}
 */
public record Hub(String house, String hostname, String username, Instant createdAt, Instant updatedAt) {

    public Hub {
        Slugs.require("house", house);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The MQTT username and client id of house {@code house}'s hub bridge. */
    public static String usernameFor(String house) {
        return "hub-" + Slugs.require("house", house);
    }
}
