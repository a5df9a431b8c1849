package org.domus.sim.vendor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one vendor's firmware talks MQTT, as pure functions (no I/O): the simulator runtime keeps each device's
 * state as attribute name → value ({@link Double}, {@link Boolean} or {@link String}) using Domus's canonical
 * attribute names (power, brightness, color, temperature, humidity, setpoint, contact, motion, watts, energy,
 * position, smoke, leak, co2, battery) and asks the dialect what to publish. Every topic is complete, under
 * {@code domus/{house}/raw/…}, as a house hub's bridge delivers vendor topics to the console.
 */
public interface VendorDialect {

    /** {@code tasmota}, {@code zigbee2mqtt}, {@code shelly} or {@code homeassistant}. */
    String name();

    /** Messages to publish right after connecting (discovery, online status, first state), in order. */
    List<VendorMessage> onConnect(VendorDevice device, Map<String, Object> state);

    /** Messages reporting the state after the attributes in {@code changed} changed. */
    List<VendorMessage> onChange(VendorDevice device, Map<String, Object> state, Set<String> changed);

    /** The last will the device's MQTT client registers (its offline status). */
    VendorMessage will(VendorDevice device);

    /** Topic filters to subscribe to for the device's commands. */
    List<String> commandFilters(VendorDevice device);

    /**
     * A received message as the attribute changes it asks for (canonical names and values), or empty when it is
     * not a command for this device.
     */
    Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload);

    /**
     * As {@link #parseCommand(VendorDevice, String, byte[])}, knowing the device's current state, which commands
     * such as Tasmota's {@code TOGGLE} need. Prefer this one when the state is at hand.
     */
    default Optional<Map<String, Object>> parseCommand(VendorDevice device, String topic, byte[] payload,
                                                       Map<String, Object> state) {
        return parseCommand(device, topic, payload);
    }
}
