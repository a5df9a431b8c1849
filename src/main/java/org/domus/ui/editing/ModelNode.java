package org.domus.ui.editing;

import java.util.Objects;

import org.domus.house.HouseOutline;
import org.domus.model.Attribute;
import org.domus.model.Device;
import org.domus.model.Floor;
import org.domus.model.Room;

/** One row of the model editor's tree: what is selected and what the actions apply to. */
public sealed interface ModelNode {

    /** Stable across reloads, so the tree keeps what was open and selected. */
    String key();

    /** The house the node belongs to. */
    HouseOutline outline();

    record HouseNode(HouseOutline outline) implements ModelNode {
        public HouseNode {
            Objects.requireNonNull(outline, "outline");
        }

        @Override
        public String key() {
            return "house:" + outline.house().id();
        }
    }

    /** A floor, or {@code floor} null for the rooms on no floor. */
    record FloorNode(HouseOutline outline, Floor floor) implements ModelNode {
        public FloorNode {
            Objects.requireNonNull(outline, "outline");
        }

        @Override
        public String key() {
            return "floor:" + outline.house().id() + ":" + (floor == null ? "none" : floor.id());
        }
    }

    record RoomNode(HouseOutline outline, Room room) implements ModelNode {
        public RoomNode {
            Objects.requireNonNull(outline, "outline");
            Objects.requireNonNull(room, "room");
        }

        @Override
        public String key() {
            return "room:" + room.id();
        }
    }

    /** The house's "new devices" inbox. */
    record InboxNode(HouseOutline outline) implements ModelNode {
        public InboxNode {
            Objects.requireNonNull(outline, "outline");
        }

        @Override
        public String key() {
            return "inbox:" + outline.house().id();
        }
    }

    record DeviceNode(HouseOutline outline, Device device) implements ModelNode {
        public DeviceNode {
            Objects.requireNonNull(outline, "outline");
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String key() {
            return "device:" + device.id();
        }
    }

    record AttributeNode(HouseOutline outline, Attribute attribute) implements ModelNode {
        public AttributeNode {
            Objects.requireNonNull(outline, "outline");
            Objects.requireNonNull(attribute, "attribute");
        }

        @Override
        public String key() {
            return "attribute:" + attribute.id();
        }
    }
}
