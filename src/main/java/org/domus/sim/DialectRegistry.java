package org.domus.sim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.domus.sim.vendor.VendorDialect;
import org.domus.sim.vendor.VendorDialects;

/**
 * The vendor dialects simulated devices may speak, by name ({@code tasmota}, {@code zigbee2mqtt}, {@code shelly},
 * {@code homeassistant}). {@link #standard()} holds every dialect of {@code sim.vendor}; adding one there (in
 * {@link VendorDialects}) makes it available here. Immutable; thread-safe.
 */
public final class DialectRegistry {

    private final Map<String, VendorDialect> dialects;

    private DialectRegistry(Map<String, VendorDialect> dialects) {
        this.dialects = Map.copyOf(dialects);
    }

    /** Every dialect Domus ships. */
    public static DialectRegistry standard() {
        return of(VendorDialects.all());
    }

    /** Exactly these dialects (tests, or a runtime that speaks only Domus's own topics with none). */
    public static DialectRegistry of(List<VendorDialect> dialects) {
        Map<String, VendorDialect> byName = new TreeMap<>();
        dialects.forEach(d -> byName.put(d.name(), d));
        return new DialectRegistry(byName);
    }

    public Optional<VendorDialect> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(dialects.get(name.toLowerCase(Locale.ROOT)));
    }

    public List<String> names() {
        return List.copyOf(new TreeMap<>(dialects).keySet());
    }
}
