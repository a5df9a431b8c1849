package org.domus.store;

import java.util.List;
import java.util.Objects;

import org.domus.model.AttributeKind;
import org.domus.model.Slugs;

/** How a device describes one of its attributes; bounds and choices are optional. */
public record AttributeDeclaration(String name, AttributeKind kind, String unit, boolean writable, Double min,
                                   Double max, List<String> choices) {
    public AttributeDeclaration {
        Slugs.require("attribute", name);
        Objects.requireNonNull(kind, "kind");
        unit = unit == null ? "" : unit;
        choices = choices == null ? List.of() : List.copyOf(choices);
    }
}
