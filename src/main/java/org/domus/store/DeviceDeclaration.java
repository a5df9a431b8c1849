package org.domus.store;

import java.util.List;
import java.util.Objects;

import org.domus.model.DeviceAddress;

/**
 * A device describing itself (a vendor's discovery message, say). The writer creates the device in the house's
 * inbox if it is missing; an existing device keeps its room, name and kind unless they are still what discovery
 * gave them (kind {@code unknown}, or — with a binding — unplaced and unchanged since the binding last named
 * them). Attributes are created or their description (kind, unit, writable, bounds, choices) updated: the device
 * is the authority on those.
 *
 * @param binding nullable: the vendor binding to store with it, in the same transaction
 */
public record DeviceDeclaration(DeviceAddress address, String name, String kind,
                                List<AttributeDeclaration> attributes, VendorBinding binding) implements Declaration {
    public DeviceDeclaration {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
        if (binding != null && !binding.address().equals(address)) {
            throw new IllegalArgumentException("the binding is for " + binding.address() + ", not " + address);
        }
    }
}
