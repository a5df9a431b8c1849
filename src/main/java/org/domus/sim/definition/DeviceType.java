package org.domus.sim.definition;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.domus.model.Slugs;

/** A device type from {@code sample-devices/types/{slug}.json}: its attributes in file order and its command delay. */
public record DeviceType(String slug, String name, String description, List<AttributeDefinition> attributes,
                         DelayRange commandDelay) {

    public DeviceType {
        Slugs.require("type", slug);
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        attributes = List.copyOf(attributes);
        Objects.requireNonNull(commandDelay, "commandDelay");
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("a device type needs at least one attribute");
        }
    }

    public Optional<AttributeDefinition> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }
}
