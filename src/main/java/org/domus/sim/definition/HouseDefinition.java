package org.domus.sim.definition;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.domus.model.DeviceAddress;
import org.domus.model.Slugs;

/** A house from {@code sample-devices/houses/*.json}: floors (possibly none), rooms and their devices. */
public record HouseDefinition(String slug, String name, ZoneId zone, List<FloorDefinition> floors,
                              List<RoomDefinition> rooms) {

    public HouseDefinition {
        Slugs.require("house", slug);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        floors = List.copyOf(floors);
        rooms = List.copyOf(rooms);
    }

    /** A floor: its display name and level (0 ground, 1 first, -1 cellar). */
    public record FloorDefinition(String name, int level) {
        public FloorDefinition {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A room; {@code floorLevel} is null in a house without floors. */
    public record RoomDefinition(String slug, String name, Integer floorLevel, List<DeviceDefinition> devices) {
        public RoomDefinition {
            Slugs.requireRoom(slug);
            Objects.requireNonNull(name, "name");
            devices = List.copyOf(devices);
        }
    }

    /**
     * A device of a room: its slug, display name and type; {@code dialect} (tasmota, zigbee2mqtt, shelly,
     * homeassistant) and {@code vendorId} when it speaks a vendor's MQTT instead of Domus's; {@code initial}
     * overrides the type's initial values.
     */
    public record DeviceDefinition(String slug, String name, String type, String dialect, String vendorId,
                                   Map<String, Object> initial) {
        public DeviceDefinition {
            Slugs.require("device", slug);
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            if ((dialect == null) != (vendorId == null)) {
                throw new IllegalArgumentException("dialect and vendor-id go together");
            }
            initial = initial == null ? Map.of() : Map.copyOf(initial);
        }

        public Optional<String> vendorDialect() {
            return Optional.ofNullable(dialect);
        }
    }

    /** Every device with its address, in file order. */
    public List<Map.Entry<DeviceAddress, DeviceDefinition>> devices() {
        return rooms.stream().flatMap(room -> room.devices().stream()
                .map(d -> Map.entry(new DeviceAddress(slug, room.slug(), d.slug()), d))).toList();
    }

    public int deviceCount() {
        return rooms.stream().mapToInt(r -> r.devices().size()).sum();
    }
}
