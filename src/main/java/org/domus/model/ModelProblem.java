package org.domus.model;

/**
 * Why an edit of the house model was refused. Each has an English sentence ({@link InvalidModelException}'s
 * message); a screen may show its own translation, keyed by the constant's name, with the same arguments.
 */
public enum ModelProblem {
    /** {0}: what (house, room, device). */
    SLUG_EMPTY,
    /** {0}: what, {1}: the slug. */
    SLUG_TOO_LONG,
    /** {0}: what, {1}: the slug. */
    SLUG_INVALID,
    /** {0}: the slug. */
    SLUG_RESERVED,
    /** {0}: what. */
    NAME_EMPTY,
    /** {0}: what, {1}: the longest allowed. */
    NAME_TOO_LONG,
    /** {0}: the zone as typed. */
    ZONE_INVALID,
    /** {0}: the slug. */
    HOUSE_EXISTS,
    /** {0}: the slug. */
    ROOM_EXISTS,
    /** {0}: the device's address. */
    DEVICE_EXISTS,
    /** {0}: what, {1}: its id. */
    NOT_FOUND,
    /** {0}: what. */
    OTHER_HOUSE,
    /** {0}: the unit. */
    UNIT_TOO_LONG
}
