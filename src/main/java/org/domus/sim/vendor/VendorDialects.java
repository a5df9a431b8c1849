package org.domus.sim.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The dialects the simulators speak, by name. Thread-safe. */
public final class VendorDialects {

    private static final List<VendorDialect> ALL = List.of(new TasmotaDialect(), new Zigbee2MqttDialect(),
            new ShellyDialect(), new HomeAssistantDialect());

    private VendorDialects() {
    }

    /** {@code tasmota}, {@code zigbee2mqtt} (or {@code z2m}), {@code shelly}, {@code homeassistant} (or {@code ha}). */
    public static Optional<VendorDialect> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "z2m" -> "zigbee2mqtt";
            case "ha", "home-assistant" -> "homeassistant";
            default -> name.strip().toLowerCase(Locale.ROOT);
        };
        return ALL.stream().filter(d -> d.name().equals(key)).findFirst();
    }

    /** Every dialect, in a fixed order. */
    public static List<VendorDialect> all() {
        return ALL;
    }
}
