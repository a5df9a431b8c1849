package org.domus.ingest.vendor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.fasterxml.jackson.databind.JsonNode;
import org.domus.model.AttributeKind;
import org.domus.model.DeviceAddress;
import org.domus.model.Printable;
import org.domus.model.Reading;
import org.domus.store.Declaration;
import org.domus.store.VendorBindingRemoval;

/**
 * What one vendor message produces, collected as an adapter reads it: device specs to declare (when they changed)
 * and readings. Used by one thread for one message.
 */
final class VendorBatch {

    private final VendorRegistry registry;
    private final String house;
    private final Instant at;
    private final Map<BindingKey, DeviceSpec> updated = new LinkedHashMap<>();
    private final List<Reading> readings = new ArrayList<>();
    private final List<Declaration> removals = new ArrayList<>();
    private final Set<BindingKey> touched = new HashSet<>();

    VendorBatch(VendorRegistry registry, String house, Instant at) {
        this.registry = registry;
        this.house = house;
        this.at = at;
    }

    String house() {
        return house;
    }

    /** The device as known (updated earlier in this message included), or a new one named {@code name}. */
    DeviceSpec device(String vendor, String vendorId, String name, String kind) {
        BindingKey key = new BindingKey(house, vendor, vendorId);
        DeviceSpec pending = updated.get(key);
        if (pending != null) {
            return pending;
        }
        return registry.find(key).orElseGet(() -> {
            DeviceAddress address = registry.claimAddress(key);
            return DeviceSpec.fresh(vendor, vendorId, address, name, kind);
        });
    }

    /** The device if it is known; never creates one. */
    java.util.Optional<DeviceSpec> known(String vendor, String vendorId) {
        BindingKey key = new BindingKey(house, vendor, vendorId);
        DeviceSpec pending = updated.get(key);
        return pending != null ? java.util.Optional.of(pending) : registry.find(key);
    }

    /** The devices with an attribute whose state arrives on {@code topic} (Home Assistant discovery). */
    List<DeviceSpec> stateDevices(String topic) {
        return registry.byStateTopic(house, topic);
    }

    /** The known devices of a vendor in this house (as registered; this message's updates not included). */
    List<DeviceSpec> registryDevices(String vendor) {
        return registry.list(house, vendor);
    }

    /** Keeps {@code spec} as the device's new description; declared at {@link #finish()} if it changed. */
    void update(DeviceSpec spec) {
        updated.put(new BindingKey(spec.house(), spec.vendor(), spec.vendorId()), spec);
    }

    void remove(String vendor, String vendorId) {
        BindingKey key = new BindingKey(house, vendor, vendorId);
        updated.remove(key);
        if (registry.remove(key)) {
            removals.add(new VendorBindingRemoval(house, vendor, vendorId));
            touched.add(key);
        }
    }

    /**
     * A reading of {@code attribute} (which {@code device} must have) from a vendor value: a JSON node, a
     * {@link Number}, a {@link Boolean} or text. A value that does not fit the attribute's kind throws.
     */
    void reading(DeviceSpec device, String attribute, Object value) {
        AttributeSpec spec = device.attributes().get(attribute);
        if (spec == null) {
            throw new IllegalStateException("no attribute " + attribute + " on " + device.address());
        }
        if (value instanceof JsonNode node && (node.isNull() || node.isMissingNode())) {
            return; // the vendor reports no value (yet)
        }
        String what = attribute + " of " + device.vendorId();
        switch (spec.kind()) {
            case NUMERIC -> {
                double number = Values.number(value, what);
                add(device, attribute, Values.format(number), number, AttributeKind.NUMERIC);
            }
            case BOOLEAN -> {
                boolean flag = flag(value, what);
                add(device, attribute, Boolean.toString(flag), flag ? 1.0 : 0.0, AttributeKind.BOOLEAN);
            }
            case ENUM, TEXT -> {
                String text = value instanceof JsonNode node ? Values.scalarText(node) : String.valueOf(value);
                if (text == null) {
                    throw new VendorPayloadException(what + " is not a plain value");
                }
                Double number = switch (text) {
                    case "ON", "open", "online" -> 1.0;
                    case "OFF", "closed", "offline" -> 0.0;
                    default -> null;
                };
                add(device, attribute, text, number, spec.kind());
            }
        }
    }

    private void add(DeviceSpec device, String attribute, String text, Double number, AttributeKind kind) {
        readings.add(new Reading(device.series(attribute), at, text, number, kind, null, false));
    }

    static boolean flag(Object value, String what) {
        if (value instanceof JsonNode node) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNumber()) {
                return node.doubleValue() != 0;
            }
            value = node.asText();
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String text = String.valueOf(value).strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "on", "1", "yes", "detected" -> true;
            case "false", "off", "0", "no", "clear" -> false;
            default -> throw new VendorPayloadException(what + " is not true or false: \"" + Printable.of(text, 30) + "\"");
        };
    }

    /** Registers the updated devices and returns what to store, or {@link VendorOutcome.Ignored} if nothing. */
    VendorOutcome finish() {
        List<Declaration> declarations = new ArrayList<>(removals);
        for (Map.Entry<BindingKey, DeviceSpec> entry : updated.entrySet()) {
            if (registry.put(entry.getValue())) {
                declarations.add(entry.getValue().declaration());
                touched.add(entry.getKey());
            }
        }
        if (readings.isEmpty() && declarations.isEmpty()) {
            return new VendorOutcome.Ignored("nothing new");
        }
        return new VendorOutcome.Parsed(readings, declarations, touched);
    }
}
