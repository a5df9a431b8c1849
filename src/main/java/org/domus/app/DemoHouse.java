package org.domus.app;

import java.util.HashMap;
import java.util.Map;
import org.domus.model.DeviceAddress;
import org.domus.model.Floor;
import org.domus.model.House;
import org.domus.model.Room;
import org.domus.sim.definition.AttributeDefinition;
import org.domus.sim.definition.DeviceType;
import org.domus.sim.definition.HouseDefinition;
import org.domus.sim.definition.SampleDevices;
import org.domus.store.HouseRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a house definition from {@code sample-devices/} into the store: the house, its floors, rooms, devices
 * (placed in their rooms, kind = type slug) and attributes (kind, unit, writable, bounds, choices). Idempotent:
 * what exists is kept (floors are matched by name), what is missing is added, attribute descriptions are brought
 * up to date. Devices that speak a vendor dialect are left out: their adapters discover them into the inbox, under
 * the addresses the adapters give them. Calls the repository's writes, so not from a commit listener.
 */
public final class DemoHouse {

    private static final Logger LOG = LoggerFactory.getLogger(DemoHouse.class);

    private DemoHouse() {
    }

    /** Seeds the bundled default demo house ({@code sample-devices/houses/demo.json}). */
    public static House seedDefault(HouseRepository houses) {
        SampleDevices samples = SampleDevices.bundled();
        return seed(houses, samples.house(SampleDevices.DEFAULT_HOUSE).orElseThrow(), samples);
    }

    /** Seeds {@code house}, whose device types are among {@code samples}; returns the stored house. */
    public static House seed(HouseRepository houses, HouseDefinition house, SampleDevices samples) {
        House stored = houses.ensureHouse(house.slug(), house.name(), house.zone());
        Map<Integer, Long> floorIds = new HashMap<>();
        for (HouseDefinition.FloorDefinition floor : house.floors()) {
            Floor existing = houses.listFloors(stored.id()).stream()
                    .filter(f -> f.name().equals(floor.name())).findFirst()
                    .orElseGet(() -> houses.addFloor(stored.id(), floor.name(), floor.level()));
            floorIds.put(floor.level(), existing.id());
        }
        int devices = 0;
        for (HouseDefinition.RoomDefinition roomDefinition : house.rooms()) {
            Long floorId = roomDefinition.floorLevel() == null ? null : floorIds.get(roomDefinition.floorLevel());
            Room room = houses.ensureRoom(stored.id(), floorId, roomDefinition.slug(), roomDefinition.name());
            for (HouseDefinition.DeviceDefinition device : roomDefinition.devices()) {
                if (device.vendorDialect().isPresent()) {
                    continue;
                }
                DeviceType type = samples.typeOf(device);
                DeviceAddress address = new DeviceAddress(house.slug(), roomDefinition.slug(), device.slug());
                houses.ensureDevice(address, room.id(), device.name(), type.slug());
                for (AttributeDefinition attribute : type.attributes()) {
                    houses.ensureAttribute(address.attribute(attribute.name()), attribute.kind(), attribute.unit(),
                            attribute.writable(), attribute.min(), attribute.max(), attribute.choices());
                }
                devices++;
            }
        }
        LOG.debug("Seeded house {}: {} rooms, {} devices", house.slug(), house.rooms().size(), devices);
        return stored;
    }
}
