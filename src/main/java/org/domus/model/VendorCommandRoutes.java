package org.domus.model;

import java.util.Optional;

/**
 * How a command reaches a device that speaks a vendor's convention (Tasmota, Zigbee2MQTT, Shelly, Home Assistant
 * discovery) rather than Domus's own {@code …/set} topic. Implemented by ingest's adapters, used by the command
 * service. Thread-safe.
 */
public interface VendorCommandRoutes {

    /** No vendor devices: every command takes Domus's own topic. */
    VendorCommandRoutes NONE = (series, kind, value) -> Optional.empty();

    /**
     * The message that sets {@code series} to {@code value} in the device's own shape, or empty when the device
     * is not a vendor device (the command then goes to {@code domus/…/set}).
     *
     * @param value the canonical text of the value: a number such as {@code 21.5}, {@code true}/{@code false},
     *              or an enum/text value such as {@code ON}
     */
    Optional<OutboundMessage> route(SeriesPath series, AttributeKind kind, String value);
}
