package org.domus.ingest.vendor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.domus.model.DeviceAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vendor devices known so far, in memory: by vendor id, by device address (for commands) and by Home Assistant
 * state topic. Filled from the stored bindings at start; updated by the adapters as discovery messages arrive,
 * before the store commits them (a failed commit marks the device dirty so it is declared again). Thread-safe;
 * changes are serialised by one lock, reads are lock-free.
 */
final class VendorRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(VendorRegistry.class);

    private final Map<BindingKey, DeviceSpec> devices = new ConcurrentHashMap<>();
    private final Map<DeviceAddress, BindingKey> byAddress = new ConcurrentHashMap<>();
    private final Map<TopicKey, Set<BindingKey>> byStateTopic = new ConcurrentHashMap<>();
    private final Set<BindingKey> dirty = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();

    private record TopicKey(String house, String topic) {
    }

    /** Loads stored bindings; one that cannot be read is logged and skipped (it will be rediscovered). */
    void load(List<DeviceSpec> specs) {
        for (DeviceSpec spec : specs) {
            put(spec);
        }
    }

    Optional<DeviceSpec> find(BindingKey key) {
        return Optional.ofNullable(devices.get(key));
    }

    Optional<DeviceSpec> byAddress(DeviceAddress address) {
        BindingKey key = byAddress.get(address);
        return key == null ? Optional.empty() : find(key);
    }

    /** The devices with an attribute whose state arrives on {@code topic} (Home Assistant discovery). */
    List<DeviceSpec> byStateTopic(String house, String topic) {
        Set<BindingKey> keys = byStateTopic.get(new TopicKey(house, topic));
        if (keys == null) {
            return List.of();
        }
        return keys.stream().map(devices::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Every device of a house and vendor. */
    List<DeviceSpec> list(String house, String vendor) {
        return devices.values().stream().filter(d -> d.house().equals(house) && d.vendor().equals(vendor)).toList();
    }

    /**
     * The address for a vendor device: its existing one, or a new slug from its id, with a hash suffix when
     * another vendor device of the house already has that slug.
     */
    DeviceAddress claimAddress(BindingKey key) {
        synchronized (lock) {
            DeviceSpec existing = devices.get(key);
            if (existing != null) {
                return existing.address();
            }
            String slug = VendorSlugs.device(key.vendor(), key.vendorId());
            DeviceAddress address = DeviceAddress.vendor(key.house(), slug);
            BindingKey owner = byAddress.get(address);
            if (owner != null && !owner.equals(key)) {
                address = DeviceAddress.vendor(key.house(), VendorSlugs.withHash(slug, key.vendor() + ":" + key.vendorId()));
                for (int n = 2; byAddress.containsKey(address) && !key.equals(byAddress.get(address)); n++) {
                    address = DeviceAddress.vendor(key.house(), VendorSlugs.withHash(slug, key.vendor() + ":"
                            + key.vendorId() + "#" + n));
                }
            }
            byAddress.put(address, key); // reserved at once, so a concurrent claim cannot take it
            return address;
        }
    }

    /** Stores {@code spec}; true when it differs from what was known (or the device was marked dirty). */
    boolean put(DeviceSpec spec) {
        BindingKey key = new BindingKey(spec.house(), spec.vendor(), spec.vendorId());
        synchronized (lock) {
            DeviceSpec old = devices.put(key, spec);
            byAddress.put(spec.address(), key);
            if (old != null) {
                unindex(key, old);
            }
            index(key, spec);
            boolean wasDirty = dirty.remove(key);
            return wasDirty || !spec.equals(old);
        }
    }

    /** Forgets a device; true when it was known. */
    boolean remove(BindingKey key) {
        synchronized (lock) {
            DeviceSpec old = devices.remove(key);
            dirty.remove(key);
            if (old == null) {
                return false;
            }
            unindex(key, old);
            // The address stays reserved: the device and its history remain, and may come back.
            return true;
        }
    }

    /** The store did not commit what was declared for {@code key}: declare it again next time. */
    void markDirty(BindingKey key) {
        dirty.add(key);
        LOG.debug("Vendor device {} will be declared again", key);
    }

    int size() {
        return devices.size();
    }

    private void index(BindingKey key, DeviceSpec spec) {
        Map<String, Boolean> topics = new HashMap<>();
        for (AttributeSpec attribute : spec.attributes().values()) {
            if (attribute.stateTopic() != null) {
                topics.put(attribute.stateTopic(), true);
            }
        }
        for (String topic : topics.keySet()) {
            byStateTopic.computeIfAbsent(new TopicKey(spec.house(), topic), t -> ConcurrentHashMap.newKeySet()).add(key);
        }
    }

    private void unindex(BindingKey key, DeviceSpec spec) {
        for (AttributeSpec attribute : spec.attributes().values()) {
            if (attribute.stateTopic() != null) {
                TopicKey topic = new TopicKey(spec.house(), attribute.stateTopic());
                Set<BindingKey> keys = byStateTopic.get(topic);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        byStateTopic.remove(topic, keys);
                    }
                }
            }
        }
    }
}
