package org.domus.broker;

import java.util.Objects;
import org.domus.model.Slugs;

/**
 * Who an MQTT connection is, once authenticated: a house's device or hub, the console itself, or (only in demo
 * mode, only on loopback) an anonymous client, which belongs to the demo house.
 */
public record ClientIdentity(Role role, String username, String house) {

    public enum Role { HOUSE, CONSOLE, ANONYMOUS_DEMO }

    public ClientIdentity {
        Objects.requireNonNull(role, "role");
        if (role != Role.CONSOLE) {
            Slugs.require("house", house);
        }
    }

    public static ClientIdentity house(String username, String house) {
        return new ClientIdentity(Role.HOUSE, username, house);
    }

    public static ClientIdentity console(String username) {
        return new ClientIdentity(Role.CONSOLE, username, null);
    }

    public static ClientIdentity anonymousDemo(String demoHouse) {
        return new ClientIdentity(Role.ANONYMOUS_DEMO, null, demoHouse);
    }

    public String describe() {
        return switch (role) {
            case HOUSE -> "user " + username + " of house " + house;
            case CONSOLE -> "the console (" + username + ")";
            case ANONYMOUS_DEMO -> "an anonymous demo client";
        };
    }
}
