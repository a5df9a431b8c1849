package org.domus.ingest.vendor;

import java.util.Objects;

/** A vendor device of a house: vendor and the device's id in the vendor's convention. */
record BindingKey(String house, String vendor, String vendorId) {
    BindingKey {
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
    }
}
