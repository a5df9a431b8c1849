package org.domus.model;

import java.util.Set;

/** The one definition of a slug: {@code [a-z0-9][a-z0-9-]{0,62}}; {@code hub} and {@code raw} cannot name a room. */
public final class Slugs {

    private static final Set<String> RESERVED_ROOMS = Set.of("hub", "raw");

    /**
     * The topic room of every vendor device (Tasmota, Zigbee2MQTT, Shelly, Home Assistant discovery): their
     * traffic arrives under {@code domus/{house}/raw/…}, and no room and no device of Domus's own topics can have
     * this name, so their addresses never collide with those.
     */
    public static final String VENDOR_ROOM = "raw";

    private Slugs() {
    }

    /** Same as matching {@code [a-z0-9][a-z0-9-]{0,62}}, without a regex: this runs for every message. */
    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 63) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!letterOrDigit && (c != '-' || i == 0)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isReservedRoom(String candidate) {
        return RESERVED_ROOMS.contains(candidate);
    }

    /** Returns the slug, or throws with one sentence naming what was wrong. */
    public static String require(String what, String candidate) {
        if (!isValid(candidate)) {
            throw new IllegalArgumentException(describeProblem(what, candidate));
        }
        return candidate;
    }

    public static String requireRoom(String candidate) {
        require("room", candidate);
        if (isReservedRoom(candidate)) {
            throw new IllegalArgumentException("room \"" + candidate + "\" is reserved and cannot name a room");
        }
        return candidate;
    }

    /**
     * The room part of a device's address: a room slug, or {@link #VENDOR_ROOM} for a vendor device. Still refuses
     * {@code hub}, which names the house hub, not a device.
     */
    public static String requireTopicRoom(String candidate) {
        if (VENDOR_ROOM.equals(candidate)) {
            return candidate;
        }
        return requireRoom(candidate);
    }

    /** A one-line reason why {@code candidate} is not a valid slug. */
    public static String describeProblem(String what, String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return what + " is empty";
        }
        if (candidate.indexOf('\0') >= 0) {
            return what + " contains a NUL character";
        }
        if (candidate.contains("+") || candidate.contains("#")) {
            return what + " \"" + Printable.of(candidate, 40) + "\" contains an MQTT wildcard";
        }
        if (candidate.length() > 63) {
            return what + " is longer than 63 characters";
        }
        return what + " \"" + Printable.of(candidate, 40) + "\" is not a slug (lower-case letters, digits and '-', starting with a letter or digit)";
    }
}
