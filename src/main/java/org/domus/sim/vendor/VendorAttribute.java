package org.domus.sim.vendor;

import java.util.List;
import java.util.Objects;

/** One attribute of a simulated vendor device, with Domus's canonical name; {@code kind} as in AttributeKind. */
public record VendorAttribute(String name, String kind, String unit, boolean writable, Double min, Double max,
                              List<String> choices) {
    public VendorAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
