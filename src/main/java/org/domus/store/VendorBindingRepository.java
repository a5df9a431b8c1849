package org.domus.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.domus.model.DeviceAddress;

/**
 * The vendor bindings ({@link VendorBinding}): read here, written by the telemetry writer with the declarations
 * of the messages that announced them ({@link DeviceDeclaration#binding()}), so a binding is committed together
 * with its device. Reads run on the calling thread on a read connection. Thread-safe.
 */
public final class VendorBindingRepository {

    private static final String COLUMNS = "SELECT b.vendor, b.vendor_id, h.slug, b.topic_room, b.device, b.name,"
            + " b.kind, b.spec FROM vendor_binding b JOIN house h ON h.id = b.house_id";

    private final ReadPool reads;

    VendorBindingRepository(ReadPool reads) {
        this.reads = reads;
    }

    /** Every binding of every house, by house, vendor and vendor id. */
    public List<VendorBinding> listAll() {
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS + " ORDER BY h.slug, b.vendor, b.vendor_id")) {
                return bindings(query);
            }
        });
    }

    public Optional<VendorBinding> find(String house, String vendor, String vendorId) {
        Objects.requireNonNull(house, "house");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS
                    + " WHERE h.slug = ? AND b.vendor = ? AND b.vendor_id = ?")) {
                query.setString(1, house);
                query.setString(2, vendor);
                query.setString(3, vendorId);
                List<VendorBinding> found = bindings(query);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
            }
        });
    }

    /** The binding of the device at {@code address}, if it is a vendor device. */
    public Optional<VendorBinding> findByDevice(DeviceAddress address) {
        Objects.requireNonNull(address, "address");
        return reads.read(c -> {
            try (PreparedStatement query = c.prepareStatement(COLUMNS
                    + " WHERE h.slug = ? AND b.topic_room = ? AND b.device = ?")) {
                query.setString(1, address.house());
                query.setString(2, address.room());
                query.setString(3, address.device());
                List<VendorBinding> found = bindings(query);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
            }
        });
    }

    private static List<VendorBinding> bindings(PreparedStatement query) throws SQLException {
        List<VendorBinding> out = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                out.add(new VendorBinding(rows.getString(1), rows.getString(2),
                        new DeviceAddress(rows.getString(3), rows.getString(4), rows.getString(5)),
                        rows.getString(6), rows.getString(7), rows.getString(8)));
            }
        }
        return out;
    }
}
