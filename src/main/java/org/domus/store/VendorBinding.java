package org.domus.store;

import java.util.Objects;

import org.domus.model.DeviceAddress;

/**
 * Which Domus device a vendor device is: the vendor ({@code tasmota}, {@code zigbee2mqtt}, …), its id in the
 * vendor's convention, the device's address, the name and kind discovery last gave it, and the adapter's own
 * description of its topics ({@code spec}, JSON that only ingest reads). The house is the address's house.
 */
public record VendorBinding(String vendor, String vendorId, DeviceAddress address, String name, String kind,
                            String spec) {
    public VendorBinding {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(spec, "spec");
        if (vendor.isBlank() || vendorId.isEmpty()) {
            throw new IllegalArgumentException("a vendor binding needs a vendor and a vendor id");
        }
    }

    public String house() {
        return address.house();
    }
}
