package org.domus.ingest.vendor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.domus.model.DeviceAddress;
import org.domus.model.SeriesPath;
import org.domus.store.AttributeDeclaration;
import org.domus.store.DeviceDeclaration;
import org.domus.store.VendorBinding;

/**
 * What Domus knows of one vendor device: which Domus device it is, its name and kind, its attributes and (for Home
 * Assistant discovery) its entities; {@code props} holds vendor details such as a Zigbee2MQTT IEEE address or a
 * Tasmota MAC. Immutable; the {@code with…} methods return changed copies.
 */
record DeviceSpec(String vendor, String vendorId, DeviceAddress address, String name, String kind,
                  Map<String, AttributeSpec> attributes, Map<String, EntitySpec> entities,
                  Map<String, String> props) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    DeviceSpec {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
        entities = Collections.unmodifiableMap(new TreeMap<>(entities == null ? Map.of() : entities));
        props = Collections.unmodifiableMap(new TreeMap<>(props == null ? Map.of() : props));
    }

    static DeviceSpec fresh(String vendor, String vendorId, DeviceAddress address, String name, String kind) {
        return new DeviceSpec(vendor, vendorId, address, name, kind, null, null, null);
    }

    String house() {
        return address.house();
    }

    SeriesPath series(String attribute) {
        return address.attribute(attribute);
    }

    DeviceSpec with(AttributeSpec attribute) {
        if (attribute.equals(attributes.get(attribute.name()))) {
            return this;
        }
        Map<String, AttributeSpec> changed = new TreeMap<>(attributes);
        changed.put(attribute.name(), attribute);
        return new DeviceSpec(vendor, vendorId, address, name, kind, changed, entities, props);
    }

    /** Adds {@code attribute} only if the device has no attribute of that name yet. */
    DeviceSpec withIfAbsent(AttributeSpec attribute) {
        return attributes.containsKey(attribute.name()) ? this : with(attribute);
    }

    DeviceSpec without(List<String> names) {
        Map<String, AttributeSpec> changed = new TreeMap<>(attributes);
        names.forEach(changed::remove);
        return new DeviceSpec(vendor, vendorId, address, name, kind, changed, entities, props);
    }

    DeviceSpec withEntity(String topic, EntitySpec entity) {
        Map<String, EntitySpec> changed = new TreeMap<>(entities);
        if (entity == null) {
            changed.remove(topic);
        } else {
            changed.put(topic, entity);
        }
        return new DeviceSpec(vendor, vendorId, address, name, kind, attributes, changed, props);
    }

    DeviceSpec withProp(String key, String value) {
        if (value == null || value.equals(props.get(key))) {
            return this;
        }
        Map<String, String> changed = new TreeMap<>(props);
        changed.put(key, value);
        return new DeviceSpec(vendor, vendorId, address, name, kind, attributes, entities, changed);
    }

    DeviceSpec named(String newName, String newKind) {
        return new DeviceSpec(vendor, vendorId, address, newName, newKind, attributes, entities, props);
    }

    DeviceDeclaration declaration() {
        List<AttributeDeclaration> declared = new ArrayList<>();
        attributes.values().forEach(a -> declared.add(a.declaration()));
        return new DeviceDeclaration(address, name, kind, declared,
                new VendorBinding(vendor, vendorId, address, name, kind, specJson()));
    }

    /** What the binding's {@code spec} column holds. */
    String specJson() {
        try {
            return JSON.writeValueAsString(new Body(attributes, entities, props));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a device spec always serialises", e);
        }
    }

    /** The spec of a stored binding. */
    static DeviceSpec of(VendorBinding binding) {
        try {
            Body body = JSON.readValue(binding.spec(), Body.class);
            return new DeviceSpec(binding.vendor(), binding.vendorId(), binding.address(), binding.name(),
                    binding.kind(), body.attributes(), body.entities(), body.props());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stored binding of " + binding.address() + " cannot be read: "
                    + e.getOriginalMessage(), e);
        }
    }

    private record Body(Map<String, AttributeSpec> attributes, Map<String, EntitySpec> entities,
                        Map<String, String> props) {
    }
}
