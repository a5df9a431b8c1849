package org.domus.sim.vendor;

import java.util.List;
import java.util.Objects;

/**
 * A simulated vendor device: {@code id} is its vendor identity (Tasmota topic, Zigbee2MQTT friendly name, Shelly
 * id, Home Assistant object id); {@code type} is the Domus device type it simulates (e.g. {@code smart-plug}).
 */
public record VendorDevice(String house, String id, String name, String type, List<VendorAttribute> attributes) {
    public VendorDevice {
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        attributes = List.copyOf(attributes);
    }
}
