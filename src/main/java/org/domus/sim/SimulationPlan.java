package org.domus.sim;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.domus.model.DeviceAddress;
import org.domus.model.Slugs;
import org.domus.sim.definition.DeviceType;
import org.domus.sim.definition.HouseDefinition;
import org.domus.sim.definition.SampleDevices;

/** The devices a simulation runs: from a house definition, or generated for load ({@link #scale}). Immutable. */
public record SimulationPlan(List<PlannedDevice> devices) {

    public SimulationPlan {
        devices = List.copyOf(devices);
        Set<DeviceAddress> seen = new HashSet<>();
        for (PlannedDevice device : devices) {
            if (!seen.add(device.address())) {
                throw new IllegalArgumentException("two devices share the address " + device.address());
            }
        }
    }

    /**
     * One device to simulate. {@code dialect}/{@code vendorId} are set when it speaks a vendor's MQTT;
     * {@code initial} overrides its type's initial values.
     */
    public record PlannedDevice(DeviceAddress address, String name, DeviceType type, String dialect, String vendorId,
                                Map<String, Object> initial, ZoneId zone) {
        public PlannedDevice {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            initial = initial == null ? Map.of() : Map.copyOf(initial);
            Objects.requireNonNull(zone, "zone");
        }
    }

    /** Every device of a house. */
    public static SimulationPlan of(HouseDefinition house, SampleDevices samples) {
        List<PlannedDevice> devices = new ArrayList<>();
        for (Map.Entry<DeviceAddress, HouseDefinition.DeviceDefinition> entry : house.devices()) {
            HouseDefinition.DeviceDefinition device = entry.getValue();
            devices.add(new PlannedDevice(entry.getKey(), device.name(), samples.typeOf(device), device.dialect(),
                    device.vendorId(), device.initial(), house.zone()));
        }
        return new SimulationPlan(devices);
    }

    /**
     * {@code count} devices cycling over every bundled type, {@code perRoom} to a room ({@code room-1},
     * {@code room-2}, …), spread evenly over {@code houses} houses: with one house it is {@code houseSlug}
     * itself, with more they are {@code houseSlug-1}, {@code houseSlug-2}, …
     */
    public static SimulationPlan scale(int count, int houses, String houseSlug, int perRoom, SampleDevices samples) {
        if (count < 1 || houses < 1 || houses > count || perRoom < 1) {
            throw new IllegalArgumentException("a scale plan needs 1 <= houses <= devices and rooms of at least 1 device");
        }
        Slugs.require("house", houseSlug);
        List<DeviceType> types = List.copyOf(samples.types().values());
        List<PlannedDevice> devices = new ArrayList<>(count);
        for (int h = 0; h < houses; h++) {
            String house = houses == 1 ? houseSlug : Slugs.require("house", houseSlug + "-" + (h + 1));
            int inHouse = count / houses + (h < count % houses ? 1 : 0);
            for (int i = 0; i < inHouse; i++) {
                DeviceType type = types.get((devices.size()) % types.size());
                String room = "room-" + (i / perRoom + 1);
                String slug = type.slug() + "-" + (i % perRoom + 1);
                devices.add(new PlannedDevice(new DeviceAddress(house, room, Slugs.require("device", slug)),
                        type.name() + " " + (i + 1), type, null, null, Map.of(), ZoneId.systemDefault()));
            }
        }
        return new SimulationPlan(devices);
    }
}
