package org.domus.ui.houses;

import java.util.List;
import java.util.Objects;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.House;

/**
 * One row of the houses tree: house → room (or the "New devices" inbox) → device → attribute. The structure
 * is immutable and rebuilt when the store's houses change; live values hang off it as properties that
 * survive rebuilds.
 */
public sealed interface HouseTreeNode {

    /** Stable across rebuilds: used to keep rows expanded and selected. */
    String key();

    String title();

    record HouseNode(House house, List<GroupNode> groups) implements HouseTreeNode {
        public HouseNode {
            Objects.requireNonNull(house, "house");
            groups = List.copyOf(groups);
        }

        @Override
        public String key() {
            return "house:" + house.slug();
        }

        @Override
        public String title() {
            return house.name();
        }
    }

    /** A room, or with {@code inbox} the house's devices that are not placed in a room yet. */
    record GroupNode(String key, String title, boolean inbox, List<DeviceNode> devices) implements HouseTreeNode {
        public GroupNode {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(title, "title");
            devices = List.copyOf(devices);
        }
    }

    record DeviceNode(Device device, LiveValue live, List<AttributeNode> attributes) implements HouseTreeNode {
        public DeviceNode {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(live, "live");
            attributes = List.copyOf(attributes);
        }

        @Override
        public String key() {
            return "device:" + device.address();
        }

        @Override
        public String title() {
            return device.name();
        }
    }

    record AttributeNode(Attribute attribute, LiveValue live) implements HouseTreeNode {
        public AttributeNode {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(live, "live");
        }

        @Override
        public String key() {
            return "attribute:" + attribute.path();
        }

        @Override
        public String title() {
            return attribute.path().attribute();
        }
    }
}
