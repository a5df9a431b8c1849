package org.domus.store;

import java.util.List;
import java.util.Objects;

/**
 * What deleting a house, floor, room or device removes or changes, so a screen can ask before it happens.
 *
 * @param name           the display name of what is deleted
 * @param floors         floors removed (a house's)
 * @param rooms          rooms removed (a house's); for a floor, the rooms that stay but lose their floor
 * @param devices        devices removed, with their attributes and telemetry
 * @param attributes     attributes (series) removed
 * @param readings       stored readings removed (per-minute and per-hour rollups of them go too)
 * @param devicesMoved   devices that stay but leave the deleted room (to the inbox or another room)
 * @param deviceNames    a few of the devices removed or moved, by name
 * @param roomNames      a few of the rooms removed or left without a floor, by name
 * @param mqttLogins     MQTT logins of a deleted house: they are kept, and can no longer publish anything stored
 */
public record DeletionImpact(String name, int floors, int rooms, int devices, int attributes, long readings,
                             int devicesMoved, List<String> deviceNames, List<String> roomNames, int mqttLogins) {

    /** How many names {@link #deviceNames} and {@link #roomNames} hold at most. */
    public static final int NAMES_SHOWN = 8;

    public DeletionImpact {
        Objects.requireNonNull(name, "name");
        deviceNames = List.copyOf(deviceNames);
        roomNames = List.copyOf(roomNames);
    }

    /** True when the deletion removes no device, attribute or reading. */
    public boolean losesNoData() {
        return devices == 0 && attributes == 0 && readings == 0;
    }
}
