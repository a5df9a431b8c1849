package org.domus.store;

import java.util.Objects;

import org.domus.model.Slugs;

/** A vendor device that no longer announces itself: its binding goes; the device and its history stay. */
public record VendorBindingRemoval(String house, String vendor, String vendorId) implements Declaration {
    public VendorBindingRemoval {
        Slugs.require("house", house);
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
    }
}
